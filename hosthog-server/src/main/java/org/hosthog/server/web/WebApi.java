package org.hosthog.server.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hosthog.api.Text;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.Replica;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Router;
import org.hosthog.server.http.SseStream;
import org.hosthog.server.http.WebAssets;
import org.hosthog.server.identity.Identity;
import org.hosthog.server.identity.Identity.WebUser;
import org.hosthog.server.relay.Hub;
import org.hosthog.wire.Codec;

/**
 * What web pages and scripts read, with a session (or a host's token): the pages, hosts, the
 * replica's reservations, the live event stream, who the user is.
 */
public final class WebApi {
  private final ServerConfig config;
  private final FleetDb db;
  private final Hub hub;
  private final Clock clock;
  private final Identity identity;
  private final Codec codec = new Codec();

  /** Event streams one session may hold (a page holds one; a few tabs are fine, a loop is not). */
  static final int MAX_STREAMS_PER_SESSION = 8;

  private final java.util.concurrent.ConcurrentHashMap<String, Integer> perSession =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger streams =
      new java.util.concurrent.atomic.AtomicInteger();

  public WebApi(ServerConfig config, FleetDb db, Hub hub, Clock clock, Identity identity) {
    this.config = config;
    this.db = db;
    this.hub = hub;
    this.clock = clock;
    this.identity = identity;
  }

  public List<Router.Route> routes() {
    return List.of(
        Router.get("/", (x, p) -> identity.page(x, "index.html")),
        Router.get("/stats", (x, p) -> identity.page(x, "stats.html")),
        Router.Route.of("*", "/favicon.ico", (x, p) -> x.send(204, "image/x-icon", new byte[0])),
        Router.get("/static/{file...}", (x, p) -> WebAssets.serve(x, p.get("file"))),
        Router.get(
            "/api/v1/hosts",
            (x, p) -> {
              identity.reader(x);
              x.json(200, codec.compact(hosts()));
            }),
        Router.get(
            "/api/v1/reservations",
            (x, p) -> {
              identity.reader(x);
              reservations(x);
            }),
        Router.get(
            "/api/v1/busy",
            (x, p) -> {
              identity.reader(x);
              busy(x);
            }),
        Router.get("/api/v1/events", (x, p) -> events(x, identity.webUser(x))),
        Router.get("/api/v1/me", (x, p) -> me(x, identity.webUser(x))));
  }

  /** Who the web user is, and where they may change others' reservations. */
  private void me(Exchange x, WebUser w) {
    JsonObject o = new JsonObject();
    o.addProperty("user", w.user());
    o.addProperty("admin", config.adminUsers().contains(w.user()));
    JsonArray adminOn = new JsonArray();
    db.hosts().adminHosts(w.user()).stream().filter(w::vouchedFor).forEach(adminOn::add);
    o.add("admin_on", adminOn);
    x.json(200, o.toString());
  }

  private List<FleetHost> hosts() {
    Instant now = clock.instant();
    Map<String, List<ReplicaRows.Stored>> current = // one query for the fleet, in start order
        db
            .replica()
            .reservations(
                new ReplicaRows.Filter(
                    Optional.empty(), Optional.empty(), Optional.of(now), Optional.empty(), false))
            .stream()
            .collect(Collectors.groupingBy(ReplicaRows.Stored::host));
    List<FleetHost> out = new ArrayList<>();
    for (Hosts.HostRow row : db.hosts().all()) {
      out.add(
          Replica.host(row, current.getOrDefault(row.name(), List.of()), now, Hosts.OFFLINE_AFTER));
    }
    return out;
  }

  private void reservations(Exchange x) {
    Optional<Instant> from = x.query("from").map(t -> time("from", t));
    Optional<Instant> to = x.query("to").map(t -> time("to", t));
    boolean window = from.isPresent() || to.isPresent();
    Instant now = clock.instant();
    ReplicaRows.Filter f =
        new ReplicaRows.Filter(
            x.query("host"),
            x.query("owner"),
            window ? from : Optional.of(now), // default: active and upcoming, like 'hosthog list'
            to,
            window);
    x.json(200, Replica.jsonArray(db.replica().reservations(f), now));
  }

  /**
   * Every host's free/busy strip from {@code from} to {@code to} (both required, at most a year).
   */
  private void busy(Exchange x) {
    Instant from =
        time("from", x.query("from").orElseThrow(() -> ApiError.badRequest(BUSY_WINDOW)));
    Instant to = time("to", x.query("to").orElseThrow(() -> ApiError.badRequest(BUSY_WINDOW)));
    if (!to.isAfter(from) || to.isAfter(from.plus(java.time.Duration.ofDays(400)))) {
      throw ApiError.badRequest("'to' must be after 'from', and at most 400 days after it");
    }
    Optional<String> host = x.query("host");
    ReplicaRows.Filter f =
        new ReplicaRows.Filter(host, Optional.empty(), Optional.of(from), Optional.of(to), false);
    List<Hosts.HostRow> rows =
        db.hosts().all().stream()
            .filter(h -> host.isEmpty() || host.get().equals(h.name()))
            .toList();
    long step = x.query("step").map(WebApi::step).orElse(0L);
    x.json(200, BusyStrips.json(rows, db.replica().reservations(f), step));
  }

  private static long step(String text) {
    if (!text.matches("\\d{1,10}")) {
      throw ApiError.badRequest(
          "'step' must be a number of milliseconds (e.g. 60000), got '"
              + Text.sanitize(text)
              + "'");
    }
    return Long.parseLong(text);
  }

  private static final String BUSY_WINDOW =
      "give the window: ?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z (ISO-8601 times)";

  private static Instant time(String name, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        throw ApiError.badRequest(
            "'"
                + name
                + "' must be an ISO-8601 time with offset, e.g. 2026-12-02T09:00:00+01:00; got '"
                + Text.sanitize(text)
                + "'");
      }
    }
  }

  /** The event stream of a web page; it ends when the session does (expires, logs out, revoked). */
  private void events(Exchange x, WebUser web) {
    String session = web.session().idHash();
    int mine = perSession.merge(session, 1, Integer::sum);
    int all = streams.incrementAndGet();
    Runnable release =
        () -> {
          perSession.computeIfPresent(session, (k, n) -> n > 1 ? n - 1 : null);
          streams.decrementAndGet();
        };
    if (mine > MAX_STREAMS_PER_SESSION || all > config.maxEventStreams()) {
      release.run();
      x.addHeader("Retry-After", "30");
      throw mine > MAX_STREAMS_PER_SESSION
          ? new ApiError(
              429,
              "too_many_streams",
              "this session has "
                  + MAX_STREAMS_PER_SESSION
                  + " event streams open already (one per open page); close a tab")
          : new ApiError(
              503, "busy", "this server holds as many event streams as it may; try again soon");
    }
    SseStream[] self = new SseStream[1];
    self[0] =
        new SseStream(
            x.response,
            x.callback,
            () -> {
              release.run();
              hub.unwatch(self[0]);
            },
            web.session().expires());
    hub.watch(self[0], session);
  }
}
