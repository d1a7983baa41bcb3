package org.hosthog.wire;

import static org.hosthog.wire.Json.offsetTime;
import static org.hosthog.wire.Json.time;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A change made: the reservation as it now stands, the ones it overrode with {@code --force}, and
 * for a series every occurrence made or changed and those skipped.
 */
enum GrantedJson implements JsonForm<Granted> {
  FORM;

  private static final JsonForm<List<ReservationView>> LIST = JsonForm.listOf(ReservationJson.FORM);
  private static final JsonForm<List<Granted.Skipped>> SKIPPED = JsonForm.listOf(SkippedJson.FORM);

  @Override
  public JsonElement write(Granted g) {
    JsonObject o = new JsonObject();
    o.add("reservation", ReservationJson.FORM.write(g.reservation()));
    o.add("overridden", LIST.write(g.overridden()));
    if (!g.occurrences().isEmpty() || !g.skipped().isEmpty()) {
      o.add("occurrences", LIST.write(g.occurrences()));
      o.add("skipped", SKIPPED.write(g.skipped()));
    }
    return o;
  }

  @Override
  public Granted read(JsonElement e) {
    JsonObject g = e.getAsJsonObject();
    return new Granted(
        ReservationJson.FORM.read(g.get("reservation")),
        LIST.read(g.get("overridden")),
        g.has("occurrences") ? LIST.read(g.get("occurrences")) : List.of(),
        g.has("skipped") ? SKIPPED.read(g.get("skipped")) : List.of());
  }

  /** An occurrence not made: when, and what was in its way. */
  private enum SkippedJson implements JsonForm<Granted.Skipped> {
    FORM;

    @Override
    public JsonElement write(Granted.Skipped s) {
      JsonObject o = new JsonObject();
      o.addProperty("start", time(s.start()));
      o.addProperty("end", time(s.end()));
      o.add("conflicts", LIST.write(s.conflicts()));
      return o;
    }

    @Override
    public Granted.Skipped read(JsonElement e) {
      JsonObject o = e.getAsJsonObject();
      return new Granted.Skipped(
          offsetTime(o.get("start")), offsetTime(o.get("end")), LIST.read(o.get("conflicts")));
    }
  }
}
