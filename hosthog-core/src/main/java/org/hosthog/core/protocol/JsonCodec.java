package org.hosthog.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;

/**
 * The JSON form of domain values: what the socket protocol carries and what {@code --json} prints.
 *
 * <p>A stable interface for scripts: fields are only ever added. Times are ISO-8601 with the
 * host's offset.
 */
public final class JsonCodec {
  private final ZoneId zone;

  public JsonCodec(ZoneId zone) {
    this.zone = zone;
  }

  public JsonObject reservation(Reservation r, Instant now) {
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
    o.addProperty("state", r.state(now).text());
    o.addProperty("created", time(r.created()));
    o.addProperty("updated", time(r.updated()));
    o.addProperty("updated_by", r.updatedBy());
    o.add("released", r.released().<JsonElement>map(t -> new com.google.gson.JsonPrimitive(time(t))).orElse(JsonNull.INSTANCE));
    return o;
  }

  public JsonArray reservations(List<Reservation> list, Instant now) {
    JsonArray a = new JsonArray();
    list.forEach(r -> a.add(reservation(r, now)));
    return a;
  }

  /** Reads back what {@link #reservation} wrote (the client side). */
  public static Reservation readReservation(JsonObject o) {
    List<Claim> claims = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("claims")) {
      JsonObject c = e.getAsJsonObject();
      claims.add(new Claim(Resource.parse(c.get("resource").getAsString()), Mode.parse(c.get("mode").getAsString())));
    }
    JsonElement released = o.get("released");
    return new Reservation(
        o.get("id").getAsLong(),
        UUID.fromString(o.get("uuid").getAsString()),
        o.get("host").getAsString(),
        o.get("owner").getAsString(),
        claims,
        instant(o.get("start")),
        instant(o.get("end")),
        o.get("message").getAsString(),
        instant(o.get("created")),
        instant(o.get("updated")),
        o.get("updated_by").getAsString(),
        released == null || released.isJsonNull() ? Optional.empty() : Optional.of(instant(released)));
  }

  public static List<Reservation> readReservations(JsonArray a) {
    List<Reservation> out = new ArrayList<>();
    a.forEach(e -> out.add(readReservation(e.getAsJsonObject())));
    return out;
  }

  public JsonObject inventory(Inventory inv) {
    JsonObject o = new JsonObject();
    o.addProperty("cpus", inv.cpus());
    JsonArray gpus = new JsonArray();
    for (Gpu g : inv.gpus()) {
      JsonObject gpu = new JsonObject();
      gpu.addProperty("index", g.index());
      gpu.addProperty("name", g.name());
      gpu.addProperty("uuid", g.uuid());
      gpu.addProperty("memory_mib", g.memoryMib());
      gpus.add(gpu);
    }
    o.add("gpus", gpus);
    JsonArray extra = new JsonArray();
    inv.extra().forEach(extra::add);
    o.add("extra", extra);
    JsonArray claimable = new JsonArray();
    inv.claimable().forEach(claimable::add);
    o.add("claimable", claimable);
    return o;
  }

  public static Inventory readInventory(JsonObject o) {
    List<Gpu> gpus = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("gpus")) {
      JsonObject g = e.getAsJsonObject();
      gpus.add(new Gpu(g.get("index").getAsInt(), g.get("name").getAsString(), g.get("uuid").getAsString(), g.get("memory_mib").getAsLong()));
    }
    List<String> extra = new ArrayList<>();
    o.getAsJsonArray("extra").forEach(e -> extra.add(e.getAsString()));
    return new Inventory(o.get("cpus").getAsInt(), gpus, extra);
  }

  public String time(Instant t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
  }

  private static Instant instant(JsonElement e) {
    return OffsetDateTime.parse(e.getAsString()).toInstant();
  }
}
