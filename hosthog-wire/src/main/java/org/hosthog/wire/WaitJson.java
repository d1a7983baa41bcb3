package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The waiting line: one turn of {@code wait} and who waits ({@code waiting}). */
final class WaitJson {
  private WaitJson() {}

  /** A waiter's turn: granted, or still its ticket and how many wait ahead. */
  public enum Result implements JsonForm<WaitResult> {
    FORM;

    @Override
    public JsonElement write(WaitResult w) {
      JsonObject o = new JsonObject();
      o.add("granted", w.granted().map(GrantedJson.FORM::write).orElse(JsonNull.INSTANCE));
      o.addProperty("ticket", w.ticket());
      o.addProperty("ahead", w.ahead());
      return o;
    }

    @Override
    public WaitResult read(JsonElement e) {
      JsonObject o = e.getAsJsonObject();
      JsonElement g = o.get("granted");
      return new WaitResult(
          Json.isAbsent(g) ? Optional.empty() : Optional.of(GrantedJson.FORM.read(g)),
          o.get("ticket").getAsLong(),
          o.get("ahead").getAsInt());
    }
  }

  /** One waiter, as {@code hosthog list} shows the line. */
  public enum Line implements JsonForm<Waiter> {
    FORM;

    @Override
    public JsonElement write(Waiter w) {
      JsonObject o = new JsonObject();
      o.addProperty("ticket", w.ticket());
      o.addProperty("user", w.user());
      o.addProperty("what", w.what());
      o.addProperty("since", w.since().toString());
      return o;
    }

    @Override
    public Waiter read(JsonElement e) {
      JsonObject o = e.getAsJsonObject();
      return new Waiter(
          o.get("ticket").getAsLong(),
          o.get("user").getAsString(),
          o.get("what").getAsString(),
          OffsetDateTime.parse(o.get("since").getAsString()));
    }
  }
}
