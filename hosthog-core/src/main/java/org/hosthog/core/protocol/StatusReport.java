package org.hosthog.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Claim;
import org.hosthog.api.HostActivity;
import org.hosthog.api.IndexSet;
import org.hosthog.api.Inventory;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.Resource;

/** Who uses the host now, what starts later today, and what is free. */
final class StatusReport {
  private final Reservations reservations;
  private final JsonCodec json;

  StatusReport(Reservations reservations, JsonCodec json) {
    this.reservations = reservations;
    this.json = json;
  }

  JsonObject status(Instant now, ZoneId zone, HostActivity activity) {
    Instant midnight = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    List<Reservation> today = reservations.list(ReservationQuery.overlapping(now, midnight));
    List<Reservation> active = today.stream().filter(r -> !r.start().isAfter(now)).toList();
    List<Reservation> later = today.stream().filter(r -> r.start().isAfter(now)).toList();
    JsonObject o = new JsonObject();
    o.addProperty("now", json.time(now));
    o.add("active", json.reservations(active, now));
    o.add("later_today", json.reservations(later, now));
    JsonArray free = new JsonArray();
    freeNow(reservations.inventory(), active).forEach(free::add);
    o.add("free", free);
    JsonArray sessions = new JsonArray();
    for (HostActivity.Session s : activity.sessions()) {
      JsonObject j = new JsonObject();
      j.addProperty("user", s.user());
      j.addProperty("tty", s.tty());
      j.addProperty("from", s.from());
      j.addProperty("since", json.time(s.since()));
      sessions.add(j);
    }
    o.add("logged_in", sessions);
    JsonArray gpu = new JsonArray();
    for (HostActivity.GpuProcess p : activity.gpuProcesses()) {
      JsonObject j = new JsonObject();
      j.addProperty("gpu", p.gpu());
      j.addProperty("pid", p.pid());
      j.addProperty("user", p.user());
      j.addProperty("command", p.command());
      j.addProperty("memory_mib", p.memoryMib());
      gpu.add(j);
    }
    o.add("gpu_processes", gpu);
    JsonArray busy = new JsonArray();
    for (HostActivity.BusyProcess p : activity.busyProcesses()) {
      JsonObject j = new JsonObject();
      j.addProperty("pid", p.pid());
      j.addProperty("user", p.user());
      j.addProperty("command", p.command());
      j.addProperty("cpu_percent", Math.round(p.cpuPercent()));
      busy.add(j);
    }
    o.add("busy_processes", busy);
    return o;
  }

  /** Each GPU, the CPUs as a whole, and each named resource nobody holds now; the host if nobody holds anything. */
  static List<String> freeNow(Inventory inv, List<Reservation> active) {
    List<Resource> units = new ArrayList<>();
    units.add(new Resource.Host());
    inv.gpus().forEach(g -> units.add(new Resource.Gpus(IndexSet.of(g.index()))));
    units.add(new Resource.Cpus(IndexSet.all()));
    inv.extra().forEach(n -> units.add(new Resource.Named(n)));
    List<String> free = new ArrayList<>();
    for (Resource unit : units) {
      if (active.stream().flatMap(r -> r.claims().stream()).noneMatch(c -> holds(c, unit))) {
        free.add(unit.text());
      }
    }
    return free;
  }

  private static boolean holds(Claim c, Resource unit) {
    if (unit instanceof Resource.Host) {
      return true; // the whole host is free only when nothing at all is held
    }
    return (c.isWholeHost() && c.isExclusive()) || (!c.isWholeHost() && c.resource().overlaps(unit));
  }
}
