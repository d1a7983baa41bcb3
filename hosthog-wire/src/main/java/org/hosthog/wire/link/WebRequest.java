package org.hosthog.wire.link;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * A request made on the web for a host, as the server sends it on the host's stream ({@code GET
 * /api/v1/link/requests}): a socket protocol line to serve as {@code user}. The daemon answers with
 * its answer line ({@code POST /api/v1/link/answers/{id}}).
 *
 * @param id the server's id of the request, to answer it
 * @param user the web user, a Unix user name on the host
 * @param admin whether the user is one of the server's {@code admin_users}
 * @param vouchedHere whether the user's web login came from this host (or a trusted proxy), so the
 *     host's admin groups count for them; {@code vouched_here} in JSON, true when absent (as a
 *     server from before it sent)
 * @param line the request, as the socket protocol writes it
 */
public record WebRequest(long id, String user, boolean admin, boolean vouchedHere, String line) {
  public WebRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(line, "line");
  }

  public String json() {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("user", user);
    o.addProperty("admin", admin);
    o.addProperty("vouched_here", vouchedHere);
    o.addProperty("line", line);
    return o.toString();
  }

  /**
   * The request an event's data holds.
   *
   * @throws org.hosthog.wire.WireException if it is not one
   */
  public static WebRequest parse(String json) {
    JsonObject o = LinkJson.object(json, "a web request");
    try {
      return new WebRequest(
          o.get("id").getAsLong(),
          o.get("user").getAsString(),
          o.has("admin") && o.get("admin").getAsBoolean(),
          !o.has("vouched_here") || o.get("vouched_here").getAsBoolean(),
          o.get("line").getAsString());
    } catch (RuntimeException e) {
      throw LinkJson.bad("not a web request: " + e.getMessage());
    }
  }
}
