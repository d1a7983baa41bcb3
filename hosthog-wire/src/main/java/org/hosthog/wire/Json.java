package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The few shapes every form uses: lists, times, optional values. */
final class Json {
  private Json() {}

  public static JsonArray strings(List<String> list) {
    JsonArray a = new JsonArray();
    list.forEach(a::add);
    return a;
  }

  public static List<String> strings(JsonElement e) {
    return list(e, JsonElement::getAsString);
  }

  public static <T> List<T> list(JsonElement e, Function<JsonElement, T> read) {
    List<T> out = new ArrayList<>();
    e.getAsJsonArray().forEach(item -> out.add(read.apply(item)));
    return out;
  }

  /** A time as the protocol writes it: ISO-8601 with offset. */
  public static String time(OffsetDateTime t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  public static JsonElement time(Optional<OffsetDateTime> t) {
    return t.<JsonElement>map(x -> new JsonPrimitive(time(x))).orElse(JsonNull.INSTANCE);
  }

  public static OffsetDateTime offsetTime(JsonElement e) {
    try {
      return OffsetDateTime.parse(e.getAsString());
    } catch (DateTimeParseException ex) {
      throw new IllegalStateException(
          "'" + e.getAsString() + "' is not an ISO-8601 time with offset", ex);
    }
  }

  public static Optional<OffsetDateTime> optionalTime(JsonElement e) {
    return isAbsent(e) ? Optional.empty() : Optional.of(offsetTime(e));
  }

  /** An instant in UTC ({@code 2026-12-04T15:29:04Z}), null when absent. */
  public static JsonElement instant(Optional<Instant> t) {
    return t.<JsonElement>map(i -> new JsonPrimitive(i.toString())).orElse(JsonNull.INSTANCE);
  }

  public static Optional<Instant> optionalInstant(JsonElement e) {
    return isAbsent(e)
        ? Optional.empty()
        : Optional.of(OffsetDateTime.parse(e.getAsString()).toInstant());
  }

  /** A duration as ISO-8601 ({@code PT168H}), null when absent. */
  public static JsonElement duration(Optional<Duration> d) {
    return d.<JsonElement>map(x -> new JsonPrimitive(x.toString())).orElse(JsonNull.INSTANCE);
  }

  public static Optional<Duration> optionalDuration(JsonElement e) {
    return isAbsent(e) ? Optional.empty() : Optional.of(Duration.parse(e.getAsString()));
  }

  public static boolean isAbsent(JsonElement e) {
    return e == null || e.isJsonNull();
  }
}
