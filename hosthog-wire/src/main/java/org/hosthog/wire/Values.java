package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;
import org.hosthog.api.Inventory;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetUsage;

/**
 * Every value the wire carries, by its record type: how {@code --json}, an answer's result and the
 * state server write a value they hold as {@code Object}. Records are final, so the exact class is
 * the key; a list is written item by item.
 */
final class Values {
  private Values() {}

  private static final Map<Class<?>, JsonForm<?>> FORMS =
      Map.ofEntries(
          Map.entry(ReservationView.class, ReservationJson.FORM),
          Map.entry(Granted.class, GrantedJson.FORM),
          Map.entry(ReservationPage.class, PageJson.FORM),
          Map.entry(CliOutput.class, CliOutputJson.FORM),
          Map.entry(WaitResult.class, WaitJson.Result.FORM),
          Map.entry(Waiter.class, WaitJson.Line.FORM),
          Map.entry(HelloResult.class, HelloJson.FORM),
          Map.entry(Inventory.class, InventoryJson.FORM),
          Map.entry(LimitsReport.class, LimitsJson.FORM),
          Map.entry(StatusReport.class, StatusJson.FORM),
          Map.entry(GpuLine.class, GpuLineJson.FORM),
          Map.entry(MotdResult.class, TextJson.Motd.FORM),
          Map.entry(PluginsReport.class, PluginsJson.FORM),
          Map.entry(SyncReport.class, SyncJson.FORM),
          Map.entry(WebLogin.class, TextJson.Login.FORM),
          Map.entry(FleetHost.class, FleetJson.Host.FORM),
          Map.entry(FleetUsage.class, FleetJson.Usage.FORM));

  /** {@code value} as JSON: one of the types above, or a list of them. */
  @SuppressWarnings("unchecked") // FORMS pairs each class with the form of that class
  static JsonElement write(Object value) {
    if (value instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(item -> a.add(write(item)));
      return a;
    }
    JsonForm<Object> form = (JsonForm<Object>) FORMS.get(value.getClass());
    if (form == null) {
      throw new IllegalArgumentException("not a wire value: " + value.getClass().getName());
    }
    return form.write(value);
  }
}
