package org.hosthog.server.link;

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
import org.hosthog.api.Text;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Router;
import org.hosthog.server.http.SseStream;
import org.hosthog.server.identity.Identity;
import org.hosthog.server.relay.Hub;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.WireException;
import org.hosthog.wire.link.GpuLoads;
import org.hosthog.wire.link.Push;
import org.hosthog.wire.link.PushAnswer;
import org.hosthog.wire.link.PushItem;
import org.hosthog.wire.link.UsageBucket;

/**
 * What host daemons use, with their token: {@code /api/v1/link/...}. A host pushes its changes and
 * usage samples, keeps a stream open for the requests made on the web, answers them, and mints
 * one-time login links for its users.
 */
public final class LinkApi {
  private static final System.Logger LOG = System.getLogger(LinkApi.class.getName());
  static final Duration LOGIN_LINK_LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_WEB_BODY = 64 * 1024;
  private static final int MAX_PUSH_BODY = 8 * 1024 * 1024;

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
    String user =
        Identity.userName(
            body.has("user") && body.get("user").isJsonPrimitive()
                ? body.get("user").getAsString()
                : "",
            "'user'");
    String token = Secrets.newToken();
    db.sessions()
        .createLogin(Secrets.hash(token), user, host, clock.instant().plus(LOGIN_LINK_LIFETIME));
    JsonObject o = new JsonObject();
    o.addProperty("url", config.publicUrl().resolve("login/" + token).toString());
    x.json(200, o.toString());
  }

  /**
   * A host's changes ({@link Push}): each reservation is stored unless the replica has the same or
   * a newer version; each usage bucket replaces one with the same start. The answer ({@link
   * PushAnswer}) says which reservations were stored and which were stale, which buckets were
   * stored and which were refused (and why): the host forgets both. A bad push is refused whole.
   */
  private void push(Exchange x, String host) {
    JsonObject body =
        x.jsonBody(
            MAX_PUSH_BODY, Set.of("inventory", "admins", "reservations", "usage", "gpu_loads"));
    Push push;
    try {
      push = Push.parse(body.toString());
    } catch (WireException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    Instant now = clock.instant();
    List<ReplicaRows.Stored> incoming = new ArrayList<>();
    for (PushItem item : push.reservations()) {
      incoming.add(stored(host, item));
    }
    List<UsageBucket> buckets = new ArrayList<>();
    List<PushAnswer.Refused> refused = new ArrayList<>();
    for (UsageBucket b : push.usage()) {
      tooOldOrNew(b, now)
          .ifPresentOrElse(
              why -> refused.add(new PushAnswer.Refused(b.start(), why)), () -> buckets.add(b));
    }
    FleetDb.Upserted done =
        db.upsertAll(host, incoming, now, push.inventory().map(codec::compact), buckets);
    push.admins().ifPresent(users -> db.hosts().setAdmins(host, users));
    db.hosts().setGpuLoads(host, push.gpuLoads().map(GpuLoads::json));
    hub.reservationsStored(host, done.stored().stream().map(ReplicaRows.Stored::uuid).toList());
    Set<UUID> storedSet = new java.util.HashSet<>();
    done.stored().forEach(r -> storedSet.add(r.uuid()));
    Set<UUID> foreign = new java.util.HashSet<>();
    done.foreign().forEach(r -> foreign.add(r.uuid()));
    if (!foreign.isEmpty()) { // a host pushing another's UUIDs is broken or hostile: say so here
      LOG.log(
          System.Logger.Level.WARNING,
          host + " pushed reservations whose UUIDs are other hosts': " + foreign + "; refused");
    }
    List<UUID> storedIds = new ArrayList<>();
    List<UUID> stale = new ArrayList<>();
    for (ReplicaRows.Stored r : incoming) {
      if (!foreign.contains(r.uuid())) {
        (storedSet.contains(r.uuid()) ? storedIds : stale).add(r.uuid());
      }
    }
    x.json(
        200,
        new PushAnswer(
                storedIds,
                stale,
                List.copyOf(foreign),
                buckets.stream().map(UsageBucket::start).toList(),
                refused)
            .json());
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

  /** A pushed reservation as the replica keeps it; only the host's own (403 otherwise). */
  private ReplicaRows.Stored stored(String host, PushItem item) {
    ReservationView r = item.reservation();
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
        item.version(),
        r.owner(),
        r.start().toInstant(),
        r.end().toInstant(),
        r.released().map(OffsetDateTime::toInstant),
        r.claims(),
        codec.compact(r));
  }
}
