package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;

/** The answers that are one piece of text: the motd and a login URL. */
final class TextJson {
  private TextJson() {}

  /** {@code {"text": ...}}: the message of the day as the motd file shows it. */
  public enum Motd implements JsonForm<MotdResult> {
    FORM;

    @Override
    public JsonElement write(MotdResult m) {
      JsonObject o = new JsonObject();
      o.addProperty("text", m.text());
      return o;
    }

    @Override
    public MotdResult read(JsonElement e) {
      return new MotdResult(e.getAsJsonObject().get("text").getAsString());
    }
  }

  /** {@code {"url": ...}}: a one-time login link for the fleet's web page. */
  public enum Login implements JsonForm<WebLogin> {
    FORM;

    @Override
    public JsonElement write(WebLogin w) {
      JsonObject o = new JsonObject();
      o.addProperty("url", w.url().toString());
      return o;
    }

    @Override
    public WebLogin read(JsonElement e) {
      return new WebLogin(URI.create(e.getAsJsonObject().get("url").getAsString()));
    }
  }
}
