package org.hosthog.wire;

import static org.hosthog.wire.Json.offsetTime;
import static org.hosthog.wire.Json.time;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;
import java.util.OptionalInt;

/** One GPU of {@code hosthog gpus}: its load, processes, claims, and idle or unclaimed marks. */
enum GpuLineJson implements JsonForm<GpuLine> {
  FORM;

  @Override
  public JsonElement write(GpuLine g) {
    JsonObject o = new JsonObject();
    o.addProperty("gpu", g.gpu());
    o.addProperty("index", g.index());
    o.addProperty("name", g.name());
    o.add("utilization_percent", percent(g.utilizationPercent()));
    o.addProperty("memory_used_mib", g.memoryUsedMib());
    o.addProperty("memory_total_mib", g.memoryTotalMib());
    JsonArray processes = new JsonArray();
    for (StatusReport.GpuProcess p : g.processes()) {
      JsonObject j = new JsonObject();
      j.addProperty("pid", p.pid());
      j.addProperty("user", p.user());
      j.addProperty("command", p.command());
      j.addProperty("memory_mib", p.memoryMib());
      processes.add(j);
    }
    o.add("processes", processes);
    JsonArray claims = new JsonArray();
    for (GpuLine.Claim c : g.claims()) {
      JsonObject j = new JsonObject();
      j.addProperty("id", c.id());
      j.addProperty("owner", c.owner());
      j.addProperty("mode", c.mode());
      j.addProperty("until", time(c.until()));
      claims.add(j);
    }
    o.add("claims", claims);
    o.add("idle", g.idle().map(GpuLineJson::idle).orElse(JsonNull.INSTANCE));
    o.addProperty("unclaimed", g.unclaimed());
    o.add("sampled_at", time(g.sampledAt()));
    o.addProperty("problem", g.problem());
    return o;
  }

  private static JsonElement idle(GpuLine.Idle i) {
    JsonObject j = new JsonObject();
    j.addProperty("since", time(i.since()));
    j.addProperty("reason", i.utilizationPercent().isPresent() ? "low_utilization" : "no_process");
    j.add("utilization_percent", percent(i.utilizationPercent()));
    return j;
  }

  private static JsonElement percent(OptionalInt p) {
    return p.isPresent() ? new JsonPrimitive(p.getAsInt()) : JsonNull.INSTANCE;
  }

  private static OptionalInt percent(JsonElement e) {
    return Json.isAbsent(e) ? OptionalInt.empty() : OptionalInt.of(e.getAsInt());
  }

  @Override
  public GpuLine read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    int index = o.get("index").getAsInt();
    return new GpuLine(
        index,
        o.get("name").getAsString(),
        percent(o.get("utilization_percent")),
        o.get("memory_used_mib").getAsLong(),
        o.get("memory_total_mib").getAsLong(),
        Json.list(
            o.get("processes"),
            p -> {
              JsonObject j = p.getAsJsonObject();
              return new StatusReport.GpuProcess(
                  index,
                  j.get("pid").getAsLong(),
                  j.get("user").getAsString(),
                  j.get("command").getAsString(),
                  j.get("memory_mib").getAsLong());
            }),
        Json.list(
            o.get("claims"),
            c -> {
              JsonObject j = c.getAsJsonObject();
              return new GpuLine.Claim(
                  j.get("id").getAsLong(),
                  j.get("owner").getAsString(),
                  j.get("mode").getAsString(),
                  offsetTime(j.get("until")));
            }),
        Json.isAbsent(o.get("idle"))
            ? Optional.empty()
            : Optional.of(
                new GpuLine.Idle(
                    offsetTime(o.getAsJsonObject("idle").get("since")),
                    percent(o.getAsJsonObject("idle").get("utilization_percent")))),
        o.get("unclaimed").getAsBoolean(),
        Json.isAbsent(o.get("sampled_at"))
            ? Optional.empty()
            : Optional.of(offsetTime(o.get("sampled_at"))),
        o.get("problem").getAsString());
  }
}
