package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A change made: the reservation as it now stands and the ones it overrode with {@code --force}.
 */
enum GrantedJson implements JsonForm<Granted> {
  FORM;

  private static final JsonForm<java.util.List<org.hosthog.wire.ReservationView>> LIST =
      JsonForm.listOf(ReservationJson.FORM);

  @Override
  public JsonElement write(Granted g) {
    JsonObject o = new JsonObject();
    o.add("reservation", ReservationJson.FORM.write(g.reservation()));
    o.add("overridden", LIST.write(g.overridden()));
    return o;
  }

  @Override
  public Granted read(JsonElement e) {
    JsonObject g = e.getAsJsonObject();
    return new Granted(
        ReservationJson.FORM.read(g.get("reservation")), LIST.read(g.get("overridden")));
  }
}
