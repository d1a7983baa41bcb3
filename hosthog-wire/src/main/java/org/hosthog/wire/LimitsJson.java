package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import org.hosthog.api.Limits;

/** The host's limits; durations as ISO-8601 ({@code PT168H}), a limit not set is null. */
enum LimitsJson implements JsonForm<LimitsReport> {
  FORM;

  @Override
  public JsonElement write(LimitsReport report) {
    Limits l = report.limits();
    JsonObject o = new JsonObject();
    o.add("max_duration", Json.duration(l.maxDuration()));
    o.add("max_future", Json.duration(l.maxFuture()));
    o.add(
        "max_gpus_per_user",
        l.maxGpusPerUser().isPresent()
            ? new JsonPrimitive(l.maxGpusPerUser().getAsInt())
            : JsonNull.INSTANCE);
    o.add("extend_within", Json.duration(l.extendWithin()));
    o.add("exempt_groups", Json.strings(l.exemptGroups().stream().sorted().toList()));
    o.addProperty("idle_after", l.idleAfter().toString());
    o.addProperty("idle_below_percent", l.idleBelowPercent());
    o.addProperty("held_to_them", report.heldToThem());
    return o;
  }

  @Override
  public LimitsReport read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    JsonElement gpus = o.get("max_gpus_per_user");
    return new LimitsReport(
        new Limits(
            Json.optionalDuration(o.get("max_duration")),
            Json.optionalDuration(o.get("max_future")),
            Json.isAbsent(gpus) ? OptionalInt.empty() : OptionalInt.of(gpus.getAsInt()),
            Json.optionalDuration(o.get("extend_within")),
            Set.copyOf(Json.strings(o.get("exempt_groups"))),
            Duration.parse(o.get("idle_after").getAsString()),
            Json.isAbsent(o.get("idle_below_percent")) // an older daemon does not say
                ? Limits.DEFAULT_IDLE_BELOW_PERCENT
                : o.get("idle_below_percent").getAsInt()),
        o.get("held_to_them").getAsBoolean());
  }
}
