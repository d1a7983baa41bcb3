package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The providers the daemon found, which are enabled, and the plugins that did not load. */
enum PluginsJson implements JsonForm<PluginsReport> {
  FORM;

  @Override
  public JsonElement write(PluginsReport p) {
    JsonArray providers = new JsonArray();
    for (PluginsReport.Provider f : p.providers()) {
      JsonObject o = new JsonObject();
      o.addProperty("kind", f.kind());
      o.addProperty("id", f.id());
      o.addProperty("description", f.description());
      o.addProperty("version", f.version());
      o.addProperty("source", f.source());
      o.addProperty("enabled", f.enabled());
      providers.add(o);
    }
    JsonArray problems = new JsonArray();
    for (PluginsReport.Problem x : p.problems()) {
      JsonObject o = new JsonObject();
      o.addProperty("source", x.source());
      o.addProperty("reason", x.reason());
      problems.add(o);
    }
    JsonObject result = new JsonObject();
    result.add("providers", providers);
    result.add("problems", problems);
    return result;
  }

  @Override
  public PluginsReport read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new PluginsReport(
        Json.list(o.get("providers"), PluginsJson::provider),
        Json.list(
            o.get("problems"),
            x -> {
              JsonObject p = x.getAsJsonObject();
              return new PluginsReport.Problem(
                  p.get("source").getAsString(), p.get("reason").getAsString());
            }));
  }

  private static PluginsReport.Provider provider(JsonElement e) {
    JsonObject p = e.getAsJsonObject();
    return new PluginsReport.Provider(
        p.get("kind").getAsString(),
        p.get("id").getAsString(),
        p.get("description").getAsString(),
        p.get("version").getAsString(),
        p.get("source").getAsString(),
        p.get("enabled").getAsBoolean());
  }
}
