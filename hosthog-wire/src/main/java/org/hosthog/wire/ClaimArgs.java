package org.hosthog.wire;

import com.google.gson.JsonObject;
import java.util.List;

/** A claim's arguments: the {@code claim} op's, and the claim a {@code wait} waits to make. */
enum ClaimArgs implements Args<Request.Claim> {
  FORM;

  @Override
  public void write(Request.Claim c, JsonObject a) {
    a.add("resources", Json.strings(c.resources()));
    c.gpus().ifPresent(n -> a.addProperty("gpus", n));
    c.mode().ifPresent(m -> a.addProperty("mode", m));
    c.at().ifPresent(t -> a.addProperty("at", t));
    c.in().ifPresent(t -> a.addProperty("in", t));
    c.forSpan().ifPresent(t -> a.addProperty("for", t));
    c.until().ifPresent(t -> a.addProperty("until", t));
    a.addProperty("message", c.message());
    a.addProperty("force", c.force());
    if (c.lease()) { // older daemons know no leases: the field only when it is one
      a.addProperty("lease", true);
    }
    c.repeat()
        .ifPresent(
            r -> {
              a.addProperty("every", r.every());
              r.count().ifPresent(n -> a.addProperty("count", n));
              r.through().ifPresent(d -> a.addProperty("through", d));
              a.addProperty("skip_conflicts", r.skipConflicts());
            });
  }

  @Override
  public Request.Claim read(Fields a) {
    return new Request.Claim(
        a.strings("resources").orElse(List.of()),
        a.count("gpus"),
        a.string("mode"),
        a.string("at"),
        a.string("in"),
        a.string("for"),
        a.string("until"),
        a.string("message").orElse(""),
        a.bool("force"),
        a.bool("lease"),
        a.string("every")
            .map(
                every ->
                    new Request.Repeat(
                        every, a.count("count"), a.string("through"), a.bool("skip_conflicts"))));
  }
}
