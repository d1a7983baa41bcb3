package org.hosthog.wire.link;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The server's answer to a push: which reservations it stored and which it had already (in that or
 * a newer version), which it refused because their UUID is another host's, which usage buckets it
 * stored and which it refused for good, and why. The host forgets all but the refused reservations,
 * which stay pending (and are reported).
 */
public record PushAnswer(
    List<UUID> stored,
    List<UUID> stale,
    List<UUID> refused,
    List<Instant> usageStored,
    List<Refused> usageRefused) {
  public PushAnswer {
    stored = List.copyOf(stored);
    stale = List.copyOf(stale);
    refused = List.copyOf(refused);
    usageStored = List.copyOf(usageStored);
    usageRefused = List.copyOf(usageRefused);
  }

  /** A usage bucket the server will not count, and why (too old, from the future). */
  public record Refused(Instant start, String why) {}

  public String json() {
    JsonObject o = new JsonObject();
    o.add("stored", strings(stored));
    o.add("stale", strings(stale));
    o.add("refused", strings(refused));
    o.add("usage_stored", strings(usageStored));
    JsonArray refused = new JsonArray();
    for (Refused r : usageRefused) {
      JsonObject j = new JsonObject();
      j.addProperty("start", r.start().toString());
      j.addProperty("why", r.why());
      refused.add(j);
    }
    o.add("usage_refused", refused);
    return o.toString();
  }

  /**
   * The answer a body holds; {@code refused}, {@code usage_stored} and {@code usage_refused} may be
   * absent (an older server).
   *
   * @throws org.hosthog.wire.WireException if it is not such an answer
   */
  public static PushAnswer parse(String json) {
    JsonObject o = LinkJson.object(json, "a push's answer");
    try {
      return new PushAnswer(
          list(o, "stored", e -> UUID.fromString(e.getAsString())),
          list(o, "stale", e -> UUID.fromString(e.getAsString())),
          list(o, "refused", e -> UUID.fromString(e.getAsString())),
          list(o, "usage_stored", e -> Instant.parse(e.getAsString())),
          list(
              o,
              "usage_refused",
              e ->
                  new Refused(
                      Instant.parse(e.getAsJsonObject().get("start").getAsString()),
                      e.getAsJsonObject().get("why").getAsString())));
    } catch (RuntimeException e) {
      throw LinkJson.bad("not the answer to a push: " + e.getMessage());
    }
  }

  private static JsonArray strings(List<?> values) {
    JsonArray a = new JsonArray();
    values.forEach(v -> a.add(v.toString()));
    return a;
  }

  private static <T> List<T> list(JsonObject o, String key, Function<JsonElement, T> read) {
    List<T> out = new ArrayList<>();
    if (o.has(key) && !o.get(key).isJsonNull()) {
      o.getAsJsonArray(key).forEach(e -> out.add(read.apply(e)));
    }
    return out;
  }
}
