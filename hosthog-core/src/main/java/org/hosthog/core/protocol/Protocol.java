package org.hosthog.core.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * The daemon's wire protocol: one JSON object per line each way, request then response.
 *
 * <p>Request: {@code {"v":1,"op":"claim","args":{...}}}. Response: {@code
 * {"v":1,"ok":true,"result":...}} or {@code {"v":1,"ok":false,"error":{"code":"conflict",
 * "message":"...",...}}}. The caller's identity never travels in a request: the daemon reads it
 * from the socket ({@code SO_PEERCRED}).
 */
public final class Protocol {
  public static final int VERSION = 1;

  /** Longest request line accepted, in bytes; longer ones are answered with an error and closed. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private Protocol() {}

  /** Why a request failed; the wire form is the lower-case name. */
  public enum ErrorCode {
    /** Not JSON, not an object, a field of the wrong type: the client is broken. */
    BAD_REQUEST,
    UNSUPPORTED_VERSION,
    UNKNOWN_OP,
    /** A time, duration or resource the user typed was not understood (exit code 2). */
    BAD_INPUT,
    CONFLICT,
    NOT_PERMITTED,
    NOT_FOUND,
    /** The request was understood and refused: unknown resource, end in the past... (exit code 1). */
    INVALID,
    /** The line was longer than {@link #MAX_LINE_BYTES}. */
    TOO_LARGE,
    BUSY,
    INTERNAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromWire(String s) {
      for (ErrorCode c : values()) {
        if (c.wire().equals(s)) {
          return c;
        }
      }
      return INTERNAL;
    }
  }

  public static JsonObject request(String op, JsonObject args) {
    JsonObject o = new JsonObject();
    o.addProperty("v", VERSION);
    o.addProperty("op", op);
    o.add("args", args);
    return o;
  }

  public static JsonObject ok(JsonElement result) {
    JsonObject o = new JsonObject();
    o.addProperty("v", VERSION);
    o.addProperty("ok", true);
    o.add("result", result);
    return o;
  }

  public static JsonObject error(ErrorCode code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code.wire());
    error.addProperty("message", message);
    JsonObject o = new JsonObject();
    o.addProperty("v", VERSION);
    o.addProperty("ok", false);
    o.add("error", error);
    return o;
  }
}
