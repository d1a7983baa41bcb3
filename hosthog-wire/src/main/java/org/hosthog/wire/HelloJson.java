package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Who the caller is to the daemon, and which host and zone it serves. */
enum HelloJson implements JsonForm<HelloResult> {
  FORM;

  @Override
  public JsonElement write(HelloResult h) {
    JsonObject o = new JsonObject();
    o.addProperty("version", h.version());
    o.addProperty("host", h.host());
    o.addProperty("zone", h.zone());
    o.addProperty("user", h.user());
    o.add("groups", Json.strings(h.groups()));
    o.addProperty("admin", h.admin());
    return o;
  }

  @Override
  public HelloResult read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new HelloResult(
        o.get("version").getAsInt(),
        o.get("host").getAsString(),
        o.get("zone").getAsString(),
        o.get("user").getAsString(),
        Json.strings(o.get("groups")),
        o.get("admin").getAsBoolean());
  }
}
