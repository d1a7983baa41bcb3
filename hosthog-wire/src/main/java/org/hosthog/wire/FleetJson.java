package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.LocalDate;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetUsage;

/** What the state server answers about the fleet: its hosts, and its usage rows. */
final class FleetJson {
  private FleetJson() {}

  /**
   * A fleet host as {@code fleet --json} prints it and {@code GET /api/v1/hosts} answers it; times
   * in UTC.
   */
  public enum Host implements JsonForm<FleetHost> {
    FORM;

    @Override
    public JsonElement write(FleetHost h) {
      JsonObject o = new JsonObject();
      o.addProperty("host", h.host());
      o.addProperty("online", h.online());
      o.add("last_seen", Json.instant(h.lastSeen()));
      o.add("resources", Json.strings(h.resources()));
      JsonArray free = new JsonArray();
      for (FleetHost.Free f : h.freeNow()) {
        JsonObject j = new JsonObject();
        j.addProperty("resource", f.resource());
        j.add("until", Json.instant(f.until()));
        free.add(j);
      }
      o.add("free_now", free);
      return o;
    }

    @Override
    public FleetHost read(JsonElement e) {
      JsonObject o = e.getAsJsonObject();
      return new FleetHost(
          o.get("host").getAsString(),
          o.get("online").getAsBoolean(),
          Json.optionalInstant(o.get("last_seen")),
          Json.strings(o.get("resources")),
          Json.list(
              o.get("free_now"),
              f ->
                  new FleetHost.Free(
                      f.getAsJsonObject().get("resource").getAsString(),
                      Json.optionalInstant(f.getAsJsonObject().get("until")))));
    }
  }

  /**
   * A usage row as the daemon passes it on: the group in {@code who}. The state server's {@code GET
   * /api/v1/usage} names the group's column instead ({@code user}, {@code host}): {@link #byColumn}
   * reads those.
   */
  public enum Usage implements JsonForm<FleetUsage> {
    FORM;

    @Override
    public JsonElement write(FleetUsage u) {
      JsonObject o = new JsonObject();
      o.addProperty("who", u.who());
      o.addProperty("period", u.period().toString());
      o.addProperty("claimed_gpu_hours", u.claimed());
      o.addProperty("used_gpu_hours", u.used());
      o.addProperty("idle_claimed_gpu_hours", u.idleClaimed());
      o.addProperty("unclaimed_gpu_hours", u.unclaimed());
      o.addProperty("busy_gpu_hours", u.busy());
      return o;
    }

    @Override
    public FleetUsage read(JsonElement e) {
      return row(e.getAsJsonObject(), "who");
    }

    /** Rows whose group is in column {@code groupBy} (or {@code who}). */
    public static JsonForm<java.util.List<FleetUsage>> byColumn(String groupBy) {
      return new JsonForm<>() {
        @Override
        public JsonElement write(java.util.List<FleetUsage> rows) {
          return JsonForm.listOf(FORM).write(rows);
        }

        @Override
        public java.util.List<FleetUsage> read(JsonElement json) {
          return Json.list(
              json,
              e -> row(e.getAsJsonObject(), e.getAsJsonObject().has("who") ? "who" : groupBy));
        }
      };
    }

    private static FleetUsage row(JsonObject o, String whoColumn) {
      return new FleetUsage(
          o.get(whoColumn).getAsString(),
          LocalDate.parse(o.get("period").getAsString()),
          o.get("claimed_gpu_hours").getAsDouble(),
          o.get("used_gpu_hours").getAsDouble(),
          o.get("idle_claimed_gpu_hours").getAsDouble(),
          o.get("unclaimed_gpu_hours").getAsDouble(),
          Json.isAbsent(o.get("busy_gpu_hours")) ? 0 : o.get("busy_gpu_hours").getAsDouble());
    }
  }
}
