package org.hosthog.wire.link;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hosthog.api.HostActivity;

/**
 * A host's GPU loads in a push ({@code gpu_loads}): {@code [{gpu, utilization_percent,
 * memory_used_mib, memory_total_mib}]}, checked strictly (the server turns them into metrics).
 */
public final class GpuLoads {
  static final int MAX_GPUS = 1024;
  private static final long MAX_MIB = 1L << 40;

  private GpuLoads() {}

  static JsonArray write(List<HostActivity.GpuLoad> loads) {
    JsonArray a = new JsonArray();
    for (HostActivity.GpuLoad l : loads) {
      JsonObject o = new JsonObject();
      o.addProperty("gpu", l.gpu());
      o.addProperty("utilization_percent", l.utilizationPercent());
      o.addProperty("memory_used_mib", l.memoryUsedMib());
      o.addProperty("memory_total_mib", l.memoryTotalMib());
      a.add(o);
    }
    return a;
  }

  /** The loads {@code e} holds; empty when absent. */
  static Optional<List<HostActivity.GpuLoad>> read(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!e.isJsonArray() || e.getAsJsonArray().size() > MAX_GPUS) {
      throw LinkJson.bad("'gpu_loads' must be an array of at most " + MAX_GPUS + " GPUs");
    }
    List<HostActivity.GpuLoad> loads = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (JsonElement item : e.getAsJsonArray()) {
      if (!item.isJsonObject()) {
        throw LinkJson.bad("each of 'gpu_loads' is an object");
      }
      JsonObject o = item.getAsJsonObject();
      HostActivity.GpuLoad l =
          new HostActivity.GpuLoad(
              (int) number(o, "gpu", MAX_GPUS - 1),
              (int) number(o, "utilization_percent", 100),
              number(o, "memory_used_mib", MAX_MIB),
              number(o, "memory_total_mib", MAX_MIB));
      if (!seen.add(l.gpu())) {
        throw LinkJson.bad("GPU " + l.gpu() + " appears twice in 'gpu_loads'");
      }
      loads.add(l);
    }
    return Optional.of(List.copyOf(loads));
  }

  /** The serialised form, as the server stores it; {@link #parse} reads it back. */
  public static String json(List<HostActivity.GpuLoad> loads) {
    return write(loads).toString();
  }

  /**
   * What {@link #json} wrote.
   *
   * @throws org.hosthog.wire.WireException if it is not that
   */
  public static List<HostActivity.GpuLoad> parse(String json) {
    try {
      return read(com.google.gson.JsonParser.parseString(json)).orElse(List.of());
    } catch (com.google.gson.JsonParseException x) {
      throw LinkJson.bad("not GPU loads: " + x.getMessage());
    }
  }

  private static long number(JsonObject o, String key, long max) {
    try {
      long v = o.get(key).getAsJsonPrimitive().getAsBigDecimal().longValueExact();
      if (v >= 0 && v <= max) {
        return v;
      }
    } catch (RuntimeException x) {
      // below
    }
    throw LinkJson.bad("'gpu_loads': '" + key + "' must be a whole number from 0 to " + max);
  }
}
