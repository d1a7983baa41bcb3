package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** One sync target's status (a calendar, the state server). */
enum SyncJson implements JsonForm<SyncReport> {
  FORM;

  @Override
  public JsonElement write(SyncReport s) {
    JsonObject o = new JsonObject();
    o.add("last_success", Json.time(s.lastSuccess()));
    o.addProperty("pending", s.pending());
    o.add("problems", Json.strings(s.problems()));
    o.addProperty("target", s.target());
    return o;
  }

  @Override
  public SyncReport read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new SyncReport(
        Json.optionalTime(o.get("last_success")),
        o.get("pending").getAsInt(),
        Json.strings(o.get("problems")),
        o.has("target") ? o.get("target").getAsString() : "calendar"); // older daemons
  }
}
