package org.hosthog.wire;

import static org.hosthog.wire.Json.list;
import static org.hosthog.wire.Json.offsetTime;
import static org.hosthog.wire.Json.time;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** Who uses the host now, what starts later today, what is free, and what runs. */
enum StatusJson implements JsonForm<StatusReport> {
  FORM;

  private static final JsonForm<List<ReservationView>> RESERVATIONS =
      JsonForm.listOf(ReservationJson.FORM);

  @Override
  public JsonElement write(StatusReport s) {
    JsonObject o = new JsonObject();
    o.addProperty("now", time(s.now()));
    o.add("active", RESERVATIONS.write(s.active()));
    o.add("later_today", RESERVATIONS.write(s.laterToday()));
    o.addProperty("later_today_more", s.laterMore());
    o.add("free", Json.strings(s.free()));
    o.add("logged_in", array(s.loggedIn(), StatusJson::session));
    o.add("gpu_processes", array(s.gpuProcesses(), StatusJson::gpuProcess));
    o.add("busy_processes", array(s.busyProcesses(), StatusJson::busyProcess));
    o.add("idle", array(s.idle(), StatusJson::idleGpu));
    o.add("unclaimed", array(s.unclaimed(), StatusJson::gpuProcess));
    o.add("gpus_sampled_at", time(s.gpuSample().at()));
    o.addProperty("gpu_problem", s.gpuSample().problem());
    return o;
  }

  @Override
  public StatusReport read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new StatusReport(
        offsetTime(o.get("now")),
        RESERVATIONS.read(o.get("active")),
        RESERVATIONS.read(o.get("later_today")),
        o.has("later_today_more") ? o.get("later_today_more").getAsInt() : 0,
        Json.strings(o.get("free")),
        list(o.get("logged_in"), StatusJson::session),
        list(o.get("gpu_processes"), StatusJson::gpuProcess),
        list(o.get("busy_processes"), StatusJson::busyProcess),
        list(orEmpty(o.get("idle")), StatusJson::idleGpu), // older daemons send neither
        list(orEmpty(o.get("unclaimed")), StatusJson::gpuProcess),
        new StatusReport.GpuSample( // older daemons do not say
            Json.isAbsent(o.get("gpus_sampled_at"))
                ? Optional.empty()
                : Optional.of(offsetTime(o.get("gpus_sampled_at"))),
            Json.isAbsent(o.get("gpu_problem")) ? "" : o.get("gpu_problem").getAsString()));
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> write) {
    JsonArray a = new JsonArray();
    items.forEach(i -> a.add(write.apply(i)));
    return a;
  }

  private static JsonElement orEmpty(JsonElement e) {
    return e == null ? new JsonArray() : e;
  }

  private static JsonObject session(StatusReport.Session x) {
    JsonObject j = new JsonObject();
    j.addProperty("user", x.user());
    j.addProperty("tty", x.tty());
    j.addProperty("from", x.from());
    j.addProperty("since", time(x.since()));
    return j;
  }

  private static StatusReport.Session session(JsonElement e) {
    JsonObject j = e.getAsJsonObject();
    return new StatusReport.Session(
        j.get("user").getAsString(),
        j.get("tty").getAsString(),
        j.get("from").getAsString(),
        offsetTime(j.get("since")));
  }

  private static JsonObject gpuProcess(StatusReport.GpuProcess p) {
    JsonObject j = new JsonObject();
    j.addProperty("gpu", p.gpu());
    j.addProperty("pid", p.pid());
    j.addProperty("user", p.user());
    j.addProperty("command", p.command());
    j.addProperty("memory_mib", p.memoryMib());
    return j;
  }

  private static StatusReport.GpuProcess gpuProcess(JsonElement e) {
    JsonObject j = e.getAsJsonObject();
    return new StatusReport.GpuProcess(
        j.get("gpu").getAsInt(),
        j.get("pid").getAsLong(),
        j.get("user").getAsString(),
        j.get("command").getAsString(),
        j.get("memory_mib").getAsLong());
  }

  private static JsonObject busyProcess(StatusReport.BusyProcess p) {
    JsonObject j = new JsonObject();
    j.addProperty("pid", p.pid());
    j.addProperty("user", p.user());
    j.addProperty("command", p.command());
    j.addProperty("cpu_percent", p.cpuPercent());
    return j;
  }

  private static StatusReport.BusyProcess busyProcess(JsonElement e) {
    JsonObject j = e.getAsJsonObject();
    return new StatusReport.BusyProcess(
        j.get("pid").getAsLong(),
        j.get("user").getAsString(),
        j.get("command").getAsString(),
        j.get("cpu_percent").getAsLong());
  }

  private static JsonObject idleGpu(StatusReport.IdleGpu g) {
    JsonObject j = new JsonObject();
    j.addProperty("gpu", g.gpu());
    j.addProperty("reservation", g.reservation());
    j.addProperty("owner", g.owner());
    j.addProperty("since", time(g.since()));
    j.addProperty("reason", g.utilizationPercent().isPresent() ? "low_utilization" : "no_process");
    j.add(
        "utilization_percent",
        g.utilizationPercent().isPresent()
            ? new JsonPrimitive(g.utilizationPercent().getAsInt())
            : JsonNull.INSTANCE);
    return j;
  }

  private static StatusReport.IdleGpu idleGpu(JsonElement e) {
    JsonObject j = e.getAsJsonObject();
    return new StatusReport.IdleGpu(
        j.get("gpu").getAsInt(),
        j.get("reservation").getAsLong(),
        j.get("owner").getAsString(),
        offsetTime(j.get("since")),
        Json.isAbsent(j.get("utilization_percent"))
            ? OptionalInt.empty()
            : OptionalInt.of(j.get("utilization_percent").getAsInt()));
  }
}
