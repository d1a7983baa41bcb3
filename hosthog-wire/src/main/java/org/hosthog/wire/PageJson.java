package org.hosthog.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/** The first reservations of a list and how many more there are. */
enum PageJson implements JsonForm<ReservationPage> {
  FORM;

  private static final JsonForm<List<ReservationView>> LIST = JsonForm.listOf(ReservationJson.FORM);

  @Override
  public JsonElement write(ReservationPage p) {
    JsonObject o = new JsonObject();
    o.add("reservations", LIST.write(p.reservations()));
    o.addProperty("more", p.more());
    return o;
  }

  @Override
  public ReservationPage read(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new ReservationPage(LIST.read(o.get("reservations")), o.get("more").getAsInt());
  }
}
