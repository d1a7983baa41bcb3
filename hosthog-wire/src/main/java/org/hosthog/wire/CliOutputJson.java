package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** What a command line the daemon ran printed, and its exit code. */
enum CliOutputJson implements JsonForm<CliOutput> {
  FORM;

  @Override
  public JsonElement write(CliOutput c) {
    JsonObject o = new JsonObject();
    o.addProperty("out", c.out());
    o.addProperty("err", c.err());
    o.addProperty("exit", c.exit());
    return o;
  }

  @Override
  public CliOutput read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new CliOutput(
        o.get("out").getAsString(), o.get("err").getAsString(), o.get("exit").getAsInt());
  }
}
