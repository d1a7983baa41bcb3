package org.hosthog.server.link;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Text;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.database.UsageBucket;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Router;
import org.hosthog.server.http.SseStream;
import org.hosthog.server.identity.Identity;
import org.hosthog.server.relay.Hub;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ReservationView;

/**
 * What host daemons use, with their token: {@code /api/v1/link/...}. A host pushes its changes and
 * usage samples, keeps a stream open for the requests made on the web, answers them, and mints
 * one-time login links for its users.
 */
public final class LinkApi {
  static final Duration LOGIN_LINK_LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_WEB_BODY = 64 * 1024;
  private static final int MAX_PUSH_BODY = 8 * 1024 * 1024;
  private static final int MAX_HOST_ADMINS = 10_000;
  private static final int MAX_BUCKETS = 10_000;
  private static final String USER_NAME = Identity.USER_NAME;

  private final ServerConfig config;
  private final FleetDb db;
  private final Hub hub;
  private final Clock clock;
  private final Identity identity;
  private final Codec codec = new Codec();

  public LinkApi(ServerConfig config, FleetDb db, Hub hub, Clock clock, Identity identity) {
    this.config = config;
    this.db = db;
    this.hub = hub;
    this.clock = clock;
    this.identity = identity;
  }

  /** The link's routes; any other path under it is a 404, once the token was checked. */
  public List<Router.Route> routes() {
    return List.of(
        Router.post("/api/v1/link/push", (x, p) -> push(x, identity.host(x))),
        Router.get("/api/v1/link/requests", (x, p) -> requests(x, identity.host(x))),
        Router.post(
            "/api/v1/link/answers/{id}", (x, p) -> answer(x, identity.host(x), p.get("id"))),
        Router.post("/api/v1/link/login", (x, p) -> login(x, identity.host(x))),
        Router.Route.of(
            "*",
            "/api/v1/link/{rest...}",
            (x, p) -> {
              identity.host(x);
              throw ApiError.notFound(
                  "no such link resource: " + Text.sanitize(x.method() + " " + x.path()));
            }));
  }

  /** The stream of requests made on the web for {@code host}, open while the host listens. */
  private void requests(Exchange x, String host) {
    db.hosts().touch(host, clock.instant(), Optional.empty());
    SseStream[] self = new SseStream[1];
    self[0] = new SseStream(x.response, x.callback, () -> hub.hostDisconnected(host, self[0]));
    hub.hostConnected(host, self[0]);
  }

  /** The host's answer to request {@code idText}: the daemon's JSON answer line. */
  private void answer(Exchange x, String host, String idText) {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      throw ApiError.notFound("'" + Text.sanitize(idText) + "' is not a request id");
    }
    String answer = x.body(MAX_PUSH_BODY);
    try {
      JsonParser.parseString(answer).getAsJsonObject().get("ok").getAsBoolean();
    } catch (RuntimeException e) {
      throw ApiError.badRequest("an answer is the daemon's JSON answer line");
    }
    if (!hub.answer(id, host, answer)) {
      throw ApiError.notFound(
          "request " + id + " is not one for " + host + ", or was answered already");
    }
    x.json(200, "{}");
  }

  /** A one-time login link for a user of {@code host} (who that is, the host's daemon knows). */
  private void login(Exchange x, String host) {
    JsonObject body = x.jsonBody(MAX_WEB_BODY, Set.of("user"));
    String user = body.has("user") ? body.get("user").getAsString() : "";
    if (!user.matches(USER_NAME)) {
      throw ApiError.badRequest("'user' must be a Unix user name");
    }
    String token = Secrets.newToken();
    db.sessions()
        .createLogin(Secrets.hash(token), user, host, clock.instant().plus(LOGIN_LINK_LIFETIME));
    JsonObject o = new JsonObject();
    o.addProperty("url", config.publicUrl().resolve("login/" + token).toString());
    x.json(200, o.toString());
  }

  /**
   * A host's changes: {@code {"inventory": {...}, "admins": ["user", ...], "reservations":
   * [{"version": N, "reservation": {...}}], "usage": [bucket, ...]}}. Each reservation is stored
   * unless the replica has the same or a newer version; each usage bucket replaces one with the
   * same start. The answer says which reservations were stored and which were stale, which buckets
   * were stored and which were refused (and why): the host forgets both.
   */
  private void push(Exchange x, String host) {
    JsonObject body =
        x.jsonBody(MAX_PUSH_BODY, Set.of("inventory", "admins", "reservations", "usage"));
    Optional<Set<String>> admins = admins(body.get("admins"));
    Instant now = clock.instant();
    Optional<String> inventory = Optional.empty();
    if (body.has("inventory") && !body.get("inventory").isJsonNull()) {
      try {
        inventory =
            Optional.of(codec.compact(codec.decodeInventory(body.get("inventory").toString())));
      } catch (HosthogException e) {
        throw ApiError.badRequest("'inventory' is not a hosthog inventory: " + e.getMessage());
      }
    }
    List<ReplicaRows.Stored> incoming = new ArrayList<>();
    JsonElement list = body.get("reservations");
    if (list != null && !list.isJsonNull()) {
      if (!list.isJsonArray()) {
        throw ApiError.badRequest("'reservations' must be an array");
      }
      for (JsonElement e : list.getAsJsonArray()) {
        incoming.add(stored(host, e));
      }
    }
    List<UsageBucket> buckets = new ArrayList<>();
    JsonArray refusedBuckets = new JsonArray();
    for (UsageBucket b : usageBuckets(body.get("usage"))) {
      Optional<String> why = tooOldOrNew(b, now);
      if (why.isPresent()) {
        JsonObject r = new JsonObject();
        r.addProperty("start", b.start().toString());
        r.addProperty("why", why.get());
        refusedBuckets.add(r);
      } else {
        buckets.add(b);
      }
    }
    List<ReplicaRows.Stored> stored = db.upsertAll(host, incoming, now, inventory, buckets);
    admins.ifPresent(users -> db.hosts().setAdmins(host, users));
    hub.reservationsStored(host, stored.stream().map(ReplicaRows.Stored::uuid).toList());
    JsonArray storedIds = new JsonArray();
    JsonArray stale = new JsonArray();
    Set<UUID> storedSet = new java.util.HashSet<>();
    stored.forEach(r -> storedSet.add(r.uuid()));
    for (ReplicaRows.Stored r : incoming) {
      (storedSet.contains(r.uuid()) ? storedIds : stale).add(r.uuid().toString());
    }
    JsonObject o = new JsonObject();
    o.add("stored", storedIds);
    o.add("stale", stale);
    JsonArray storedBuckets = new JsonArray();
    buckets.forEach(b -> storedBuckets.add(b.start().toString()));
    o.add("usage_stored", storedBuckets);
    o.add("usage_refused", refusedBuckets);
    x.json(200, o.toString());
  }

  /** A push's {@code usage}: every bucket is checked before anything is stored. */
  private static List<UsageBucket> usageBuckets(JsonElement usage) {
    if (usage == null || usage.isJsonNull()) {
      return List.of();
    }
    if (!usage.isJsonArray() || usage.getAsJsonArray().size() > MAX_BUCKETS) {
      throw ApiError.badRequest(
          "'usage' must be an array of at most " + MAX_BUCKETS + " buckets. Nothing was stored");
    }
    List<UsageBucket> out = new ArrayList<>();
    Set<Instant> starts = new java.util.HashSet<>();
    for (JsonElement e : usage.getAsJsonArray()) {
      UsageBucket b = UsageBucket.parse(e);
      if (!starts.add(b.start())) {
        throw ApiError.badRequest(
            "a usage bucket was refused: two buckets start at "
                + b.start()
                + ". Nothing was stored");
      }
      out.add(b);
    }
    return out;
  }

  /**
   * Why a bucket is not counted: older than the raw samples are kept (its first push may have been
   * counted and pruned since, so counting it again could count it twice), or from the future.
   */
  private Optional<String> tooOldOrNew(UsageBucket b, Instant now) {
    if (b.start().isBefore(now.minus(Duration.ofDays(config.usage().rawDays())))) {
      return Optional.of(
          "older than the "
              + config.usage().rawDays()
              + " days this server keeps samples ([server] usage_raw_days)");
    }
    if (b.start().isAfter(now.plus(Duration.ofMinutes(10)))) {
      return Optional.of("starts after the server's now (" + now + "); is the host's clock ahead?");
    }
    return Optional.empty();
  }

  /** A push's {@code admins}: user names, at most {@value #MAX_HOST_ADMINS}; absent = unchanged. */
  private static Optional<Set<String>> admins(JsonElement admins) {
    if (admins == null || admins.isJsonNull()) {
      return Optional.empty();
    }
    if (!admins.isJsonArray() || admins.getAsJsonArray().size() > MAX_HOST_ADMINS) {
      throw ApiError.badRequest(
          "'admins' must be an array of at most " + MAX_HOST_ADMINS + " user names");
    }
    Set<String> users = new java.util.TreeSet<>();
    for (JsonElement e : admins.getAsJsonArray()) {
      if (!e.isJsonPrimitive()
          || !e.getAsJsonPrimitive().isString()
          || !e.getAsString().matches(USER_NAME)) {
        throw ApiError.badRequest(
            "'admins' holds something that is not a user name: " + Text.sanitize(e.toString()));
      }
      users.add(e.getAsString());
    }
    return Optional.of(users);
  }

  private ReplicaRows.Stored stored(String host, JsonElement e) {
    try {
      JsonObject item = e.getAsJsonObject();
      long version = item.get("version").getAsLong();
      if (version < 1) {
        throw ApiError.badRequest("'version' must be a whole number from 1");
      }
      ReservationView r = codec.decodeReservation(item.get("reservation").toString());
      if (!r.host().equals(host)) {
        throw ApiError.forbidden(
            "reservation "
                + r.uuid()
                + " names host '"
                + Text.sanitize(r.host())
                + "', but this token is "
                + host
                + "'s; a host pushes only its own reservations. Nothing was stored");
      }
      return new ReplicaRows.Stored(
          r.uuid(),
          host,
          r.id(),
          version,
          r.owner(),
          r.start().toInstant(),
          r.end().toInstant(),
          r.released().map(OffsetDateTime::toInstant),
          codec.compact(r));
    } catch (ApiError a) {
      throw a;
    } catch (RuntimeException ex) {
      throw ApiError.badRequest(
          "each of 'reservations' is {\"version\": N, \"reservation\": {...}} with the fields of"
              + " 'hosthog show --json': "
              + ex.getMessage()
              + ". Nothing was stored");
    }
  }
}
