package org.hosthog.server.web;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hosthog.api.Text;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.HostRequests;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.Replica;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Router;
import org.hosthog.server.identity.Identity;
import org.hosthog.server.identity.Identity.WebUser;
import org.hosthog.server.relay.Hub;
import org.hosthog.wire.Codec;
import org.hosthog.wire.Granted;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.WireException;

/**
 * Changes made on the web ({@code POST}, {@code PATCH}, {@code DELETE} on {@code
 * /api/v1/hosts/{host}/reservations[/{id}]}): checked here as the socket protocol's requests,
 * relayed to the host's daemon, which applies them as the user; its answer becomes the HTTP one.
 */
public final class HostChanges {
  private static final int MAX_WEB_BODY = 64 * 1024;
  private static final Set<String> CLAIM_FIELDS =
      Set.of(
          "resources",
          "gpus",
          "at",
          "in",
          "for",
          "until",
          "message",
          "mode",
          "force",
          "every",
          "count",
          "through",
          "skip_conflicts");
  private static final Set<String> PATCH_FIELDS =
      Set.of("by", "until", "at", "message", "resources", "mode", "force", "series");

  private final ServerConfig config;
  private final FleetDb db;
  private final Hub hub;
  private final Clock clock;
  private final Identity identity;
  private final Codec codec = new Codec();

  public HostChanges(ServerConfig config, FleetDb db, Hub hub, Clock clock, Identity identity) {
    this.config = config;
    this.db = db;
    this.hub = hub;
    this.clock = clock;
    this.identity = identity;
  }

  public List<Router.Route> routes() {
    return List.of(
        Router.Route.of(
            "*",
            "/api/v1/hosts/{host}/reservations",
            (x, p) -> onHost(x, p.get("host"), x.method(), Optional.empty())),
        Router.Route.of(
            "*",
            "/api/v1/hosts/{host}/reservations/{id}",
            (x, p) -> onHost(x, p.get("host"), x.method(), Optional.of(p.get("id")))));
  }

  private void onHost(Exchange x, String host, String method, Optional<String> idText) {
    if (method.equals("GET")) {
      identity.reader(x);
      long id = id(idText.orElseThrow(() -> ApiError.notFound("give a reservation id")));
      ReplicaRows.Stored r =
          db.replica()
              .reservation(host, id)
              .orElseThrow(
                  () -> ApiError.notFound(Text.sanitize(host) + " has no reservation " + id));
      x.json(200, Replica.json(r, clock.instant()));
      return;
    }
    WebUser web = identity.webUser(x);
    identity.checkCsrf(x, web);
    Hosts.HostRow row = reachable(host);
    String line;
    if (method.equals("POST") && idText.isEmpty()) {
      line = requestLine("claim", x.jsonBody(MAX_WEB_BODY, CLAIM_FIELDS));
    } else if (method.equals("PATCH") && idText.isPresent()) {
      JsonObject body = x.jsonBody(MAX_WEB_BODY, PATCH_FIELDS);
      body.addProperty("id", id(idText.get()));
      line = requestLine(body.has("by") ? "extend" : "edit", body);
    } else if (method.equals("DELETE") && idText.isPresent()) {
      JsonObject body = new JsonObject();
      body.addProperty("id", id(idText.get()));
      if (x.query("series").filter(v -> v.equals("true")).isPresent()) {
        body.addProperty("series", true); // this occurrence and every later one
      }
      line = requestLine("release", body);
    } else {
      throw new ApiError(
          405,
          "method_not_allowed",
          method
              + " is not allowed here; use POST on .../reservations, PATCH or DELETE on"
              + " .../reservations/{id}");
    }
    org.hosthog.wire.Request<?> request = codec.decodeRequest(line); // refuse garbage here
    String answer =
        hub.relay(
            row.name(),
            new HostRequests.Requester(
                web.user(), config.adminUsers().contains(web.user()), web.vouchedFor(row.name())),
            line);
    answerWith(x, request, answer, method.equals("POST") ? 201 : 200);
  }

  private String requestLine(String op, JsonObject args) {
    if (op.equals("extend")) {
      for (String k : List.of("at", "message", "resources", "mode")) {
        if (args.has(k)) {
          throw ApiError.badRequest(
              "give 'by' alone to extend, or edit fields ('until', 'at', 'message', 'resources',"
                  + " 'mode') without 'by'; not both");
        }
      }
    }
    JsonObject o = new JsonObject();
    o.addProperty("v", org.hosthog.wire.Protocol.VERSION);
    o.addProperty("op", op);
    o.add("args", args);
    try {
      codec.decodeRequest(o.toString());
    } catch (WireException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    return o.toString();
  }

  private void answerWith(
      Exchange x, org.hosthog.wire.Request<?> request, String answerLine, int okStatus) {
    org.hosthog.wire.Response<?> r = codec.decodeResponse(request, answerLine);
    if (r instanceof org.hosthog.wire.Response.Ok<?> ok && ok.result() instanceof Granted g) {
      // a change of a series answers with every occurrence it made or changed
      x.json(okStatus, codec.compact(g.occurrences().isEmpty() ? g.reservation() : g));
      return;
    }
    org.hosthog.wire.Response.Failure<?> f = (org.hosthog.wire.Response.Failure<?>) r;
    int status =
        switch (f.code()) {
          case CONFLICT -> 409;
          case NOT_PERMITTED, OVER_LIMIT -> 403;
          case NOT_FOUND -> 404;
          case INVALID -> 422;
          case BAD_INPUT, BAD_REQUEST, UNKNOWN_OP, UNSUPPORTED_VERSION, TOO_LARGE -> 400;
          case BUSY -> 503;
          case TIMEOUT -> 504;
          case INTERNAL -> 502;
        };
    List<ReservationView> conflicts = f.conflicts();
    throw new ApiError(
        status,
        f.code().wire(),
        f.message(),
        conflicts.isEmpty() ? Optional.empty() : Optional.of(codec.compact(conflicts)));
  }

  /** The host's row, if it is enrolled and online; 404 or 503 otherwise. */
  private Hosts.HostRow reachable(String host) {
    Hosts.HostRow row =
        db.hosts()
            .host(host)
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "no host '" + Text.sanitize(host) + "' is enrolled on this server"));
    Instant now = clock.instant();
    if (row.revoked().isPresent()
        || row.lastSeen().map(t -> t.isBefore(now.minus(Hosts.OFFLINE_AFTER))).orElse(true)) {
      throw new ApiError(
          503,
          "host_offline",
          row.name()
              + row.lastSeen()
                  .map(t -> " has been offline since " + t)
                  .orElse(" has never been in contact with this server")
              + "; nothing was changed. Try again when it is back.");
    }
    return row;
  }

  private static long id(String text) {
    try {
      return org.hosthog.wire.Request.id(text);
    } catch (WireException e) {
      throw ApiError.notFound(e.getMessage());
    }
  }
}
