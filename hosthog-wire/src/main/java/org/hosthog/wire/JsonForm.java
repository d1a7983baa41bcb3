package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.List;

/**
 * How one value type is written as JSON and read back: both directions in one place, so a field
 * renamed on one side cannot be forgotten on the other.
 *
 * <p>Reading is lenient about what it does not know (a newer peer may add fields) and throws a
 * runtime exception (gson's, or {@link IllegalStateException}) for what it needs and cannot find;
 * the codec turns that into its own error.
 *
 * @param <T> the value type
 */
interface JsonForm<T> {
  JsonElement write(T value);

  T read(JsonElement json);

  /** A JSON array of values of this form. */
  static <T> JsonForm<List<T>> listOf(JsonForm<T> item) {
    return new JsonForm<>() {
      @Override
      public JsonElement write(List<T> values) {
        JsonArray a = new JsonArray();
        values.forEach(v -> a.add(item.write(v)));
        return a;
      }

      @Override
      public List<T> read(JsonElement json) {
        return Json.list(json, item::read);
      }
    };
  }
}
