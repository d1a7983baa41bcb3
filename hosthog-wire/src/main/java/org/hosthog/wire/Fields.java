package org.hosthog.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed, checked access to a JSON object's fields; a wrong type names the field. */
final class Fields {
  private final JsonObject o;

  Fields(JsonObject o) {
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

  boolean has(String name) {
    return o.has(name) && !o.get(name).isJsonNull();
  }

  /** A nested object's fields; missing is an error. */
  Fields object(String name) {
    JsonElement e = o.get(name);
    if (e instanceof JsonObject nested) {
      return new Fields(nested);
    }
    throw e == null || e.isJsonNull() ? missing(name) : wrong(name, "an object");
  }

  WireException missing(String name) {
    return new WireException(ErrorCode.BAD_REQUEST, "field '" + name + "' is missing");
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

  /** A whole number that counts something (0 up to a million); the range is checked later. */
  Optional<Integer> count(String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (e instanceof JsonPrimitive p && p.isNumber()) {
      double d = p.getAsDouble();
      if (d == Math.rint(d) && d >= 0 && d <= 1_000_000) {
        return Optional.of((int) d);
      }
    }
    throw wrong(name, "a whole number from 0 to 1000000");
  }

  /** A reservation id: a whole number from 1, or its decimal text (older clients send that). */
  long id(String name) {
    JsonElement e = o.get(name);
    if (e instanceof JsonPrimitive p && p.isNumber()) {
      double d = p.getAsDouble();
      if (d == Math.rint(d) && d >= 1 && d <= Long.MAX_VALUE) {
        return p.getAsLong();
      }
    }
    if (e instanceof JsonPrimitive p && p.isString()) {
      return Request.id(p.getAsString());
    }
    throw Request.notAnId(e == null ? "" : e.toString());
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

  private static WireException wrong(String name, String expected) {
    return new WireException(ErrorCode.BAD_REQUEST, "field '" + name + "' must be " + expected);
  }
}
