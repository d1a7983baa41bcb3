package org.hosthog.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hosthog.core.protocol.Protocol.ErrorCode;

/** Typed, checked access to a request's {@code args}; a wrong type names the field. */
final class Args {
  private final JsonObject o;

  Args(JsonObject o) {
    this.o = o;
  }

  Optional<String> string(String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (e instanceof JsonPrimitive p && p.isString()) {
      return Optional.of(p.getAsString());
    }
    throw wrong(name, "a string");
  }

  String requiredString(String name) {
    return string(name).orElseThrow(() -> new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + name + "' is missing"));
  }

  boolean bool(String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return false;
    }
    if (e instanceof JsonPrimitive p && p.isBoolean()) {
      return p.getAsBoolean();
    }
    throw wrong(name, "true or false");
  }

  long id(String name) {
    JsonElement e = o.get(name);
    if (e instanceof JsonPrimitive p && p.isNumber()) {
      double d = p.getAsDouble();
      if (d == Math.rint(d) && d >= 1 && d <= Long.MAX_VALUE) {
        return p.getAsLong();
      }
    }
    if (e instanceof JsonPrimitive p && p.isString() && p.getAsString().strip().matches("\\d{1,18}")) {
      return Long.parseLong(p.getAsString().strip());
    }
    throw new ProtocolException(ErrorCode.BAD_INPUT, "'" + (e == null ? "" : e.toString()) + "' is not a reservation id: expected a number such as 42 (see 'hosthog list')");
  }

  Optional<List<String>> strings(String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!(e instanceof JsonArray a)) {
      throw wrong(name, "an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonElement item : a) {
      if (!(item instanceof JsonPrimitive p && p.isString())) {
        throw wrong(name, "an array of strings");
      }
      out.add(p.getAsString());
    }
    return Optional.of(out);
  }

  private static ProtocolException wrong(String name, String expected) {
    return new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + name + "' must be " + expected);
  }
}
