package org.hosthog.wire;

import static org.hosthog.wire.Json.list;
import static org.hosthog.wire.Json.offsetTime;
import static org.hosthog.wire.Json.time;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Mode;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;

/**
 * A reservation as {@code --json}, the socket, the state server and {@code store export} carry it:
 * the stable fields of the README, {@code history} only when the view has it.
 */
enum ReservationJson implements JsonForm<ReservationView> {
  FORM;

  @Override
  public JsonElement write(ReservationView r) {
    JsonObject o = new JsonObject();
    o.addProperty("id", r.id());
    o.addProperty("uuid", r.uuid().toString());
    o.addProperty("host", r.host());
    o.addProperty("owner", r.owner());
    JsonArray claims = new JsonArray();
    for (Claim c : r.claims()) {
      JsonObject claim = new JsonObject();
      claim.addProperty("resource", c.resource().text());
      claim.addProperty("mode", c.mode().text());
      claims.add(claim);
    }
    o.add("claims", claims);
    o.addProperty("start", time(r.start()));
    o.addProperty("end", time(r.end()));
    o.addProperty("message", r.message());
    o.addProperty("state", r.state());
    o.addProperty("created", time(r.created()));
    o.addProperty("updated", time(r.updated()));
    o.addProperty("updated_by", r.updatedBy());
    o.add("released", time(r.released()));
    r.series() // only in a series: a reservation on its own is written as before series existed
        .ifPresent(
            x -> {
              o.addProperty("series", x.id().toString());
              o.add("occurrence", occurrence(x, r.start()));
            });
    r.history().ifPresent(history -> o.add("history", history(history)));
    return o;
  }

  @Override
  public ReservationView read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    List<Claim> claims =
        list(
            o.get("claims"),
            c ->
                new Claim(
                    Resource.parse(c.getAsJsonObject().get("resource").getAsString()),
                    Mode.parse(c.getAsJsonObject().get("mode").getAsString())));
    Optional<List<ReservationView.HistoryEntry>> history =
        o.has("history")
            ? Optional.of(list(o.get("history"), ReservationJson::historyEntry))
            : Optional.empty();
    return new ReservationView(
        o.get("id").getAsLong(),
        UUID.fromString(o.get("uuid").getAsString()),
        o.get("host").getAsString(),
        o.get("owner").getAsString(),
        claims,
        offsetTime(o.get("start")),
        offsetTime(o.get("end")),
        o.get("message").getAsString(),
        o.get("state").getAsString(),
        offsetTime(o.get("created")),
        offsetTime(o.get("updated")),
        o.get("updated_by").getAsString(),
        Json.optionalTime(o.get("released")),
        series(o),
        history);
  }

  /** Where an occurrence stands in its series: {@code 3} of {@code 12}, by what rule from when. */
  private static JsonObject occurrence(Series s, OffsetDateTime start) {
    JsonObject j = new JsonObject();
    j.addProperty("index", s.index());
    j.addProperty("count", s.count());
    j.addProperty("every", s.every());
    j.addProperty("first", time(s.first().atOffset(start.getOffset())));
    return j;
  }

  private static Optional<Series> series(JsonObject o) {
    if (!o.has("series") || o.get("series").isJsonNull()) {
      return Optional.empty();
    }
    JsonObject j = o.getAsJsonObject("occurrence");
    return Optional.of(
        new Series(
            UUID.fromString(o.get("series").getAsString()),
            j.get("every").getAsString(),
            offsetTime(j.get("first")).toInstant(),
            j.get("index").getAsInt(),
            j.get("count").getAsInt()));
  }

  private static JsonArray history(List<ReservationView.HistoryEntry> history) {
    JsonArray a = new JsonArray();
    for (ReservationView.HistoryEntry h : history) {
      JsonObject j = new JsonObject();
      j.addProperty("at", time(h.at()));
      j.addProperty("actor", h.actor());
      j.addProperty("kind", h.kind());
      j.addProperty("detail", h.detail());
      a.add(j);
    }
    return a;
  }

  private static ReservationView.HistoryEntry historyEntry(JsonElement h) {
    JsonObject j = h.getAsJsonObject();
    return new ReservationView.HistoryEntry(
        offsetTime(j.get("at")),
        j.get("actor").getAsString(),
        j.get("kind").getAsString(),
        j.get("detail").getAsString());
  }
}
