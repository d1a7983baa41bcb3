package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;

/** What a host has to claim: CPUs, GPUs, named resources, and every claimable name. */
enum InventoryJson implements JsonForm<Inventory> {
  FORM;

  @Override
  public JsonElement write(Inventory inv) {
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
    o.add("extra", Json.strings(inv.extra()));
    o.add("claimable", Json.strings(inv.claimable())); // derived: read back from the rest
    return o;
  }

  @Override
  public Inventory read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new Inventory(
        o.get("cpus").getAsInt(),
        Json.list(o.get("gpus"), InventoryJson::gpu),
        Json.strings(o.get("extra")));
  }

  private static Gpu gpu(JsonElement e) {
    JsonObject g = e.getAsJsonObject();
    return new Gpu(
        g.get("index").getAsInt(),
        g.get("name").getAsString(),
        g.get("uuid").getAsString(),
        g.get("memory_mib").getAsLong());
  }
}
