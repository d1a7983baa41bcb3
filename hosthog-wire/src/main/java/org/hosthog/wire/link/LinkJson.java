package org.hosthog.wire.link;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.hosthog.api.Text;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.WireException;

/** Checked reading of the link's JSON: every failure a {@link WireException} naming the field. */
final class LinkJson {
  /** A Unix user name; {@code ?} stands for a process whose user the host could not tell. */
  static final String USER_NAME = "[A-Za-z0-9._][A-Za-z0-9._@-]{0,63}";

  private LinkJson() {}

  static JsonObject object(String json, String what) {
    try {
      JsonElement e = JsonParser.parseString(json);
      if (e.isJsonObject()) {
        return e.getAsJsonObject();
      }
    } catch (JsonParseException | StackOverflowError e) {
      // below
    }
    throw bad(what + " must be a JSON object");
  }

  /** The array {@code key} (empty when absent), of at most {@code max} items. */
  static JsonArray array(JsonObject o, String key, int max, String why) {
    JsonElement a = o.get(key);
    if (a == null || a.isJsonNull()) {
      return new JsonArray();
    }
    if (!a.isJsonArray() || a.getAsJsonArray().size() > max) {
      throw bad(why);
    }
    return a.getAsJsonArray();
  }

  static String userName(JsonElement e, String what) {
    if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      return e.getAsString();
    }
    throw bad(what + " holds something that is not a user name: " + abbreviated(e));
  }

  static String abbreviated(JsonElement e) {
    String s = String.valueOf(e);
    return Text.sanitize(s.length() > 60 ? s.substring(0, 60) + "…" : s);
  }

  static WireException bad(String message) {
    return new WireException(ErrorCode.BAD_REQUEST, message);
  }
}
