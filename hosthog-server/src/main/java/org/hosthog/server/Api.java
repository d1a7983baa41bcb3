package org.hosthog.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Text;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.Replica;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.database.Sessions;
import org.hosthog.server.database.UsageBucket;
import org.hosthog.server.feeds.ICalendarFeed;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Pages;
import org.hosthog.server.http.SseStream;
import org.hosthog.server.http.WebAssets;
import org.hosthog.server.relay.Hub;
import org.hosthog.server.statistics.Metrics;
import org.hosthog.server.statistics.UsageApi;
import org.hosthog.wire.Codec;
import org.hosthog.wire.Granted;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.WireException;

/**
 * The HTTP API, {@code /api/v1}: what web pages and scripts use (with a session), what host daemons
 * use (with their token), and the one-time login links.
 *
 * <p>Every failure is answered as JSON with a message a person can act on; nothing a client sends
 * stops the server serving others.
 */
final class Api extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(Api.class.getName());
  static final Duration LOGIN_LINK_LIFETIME = Duration.ofMinutes(5);
  static final String SESSION_COOKIE = "hosthog_session";
  static final String CSRF_COOKIE = "hosthog_csrf";
  private static final int MAX_WEB_BODY = 64 * 1024;
  private static final int MAX_PUSH_BODY = 8 * 1024 * 1024;
  private static final String USER_NAME = "[A-Za-z0-9._][A-Za-z0-9._@-]{0,63}";
  private static final int MAX_HOST_ADMINS = 10_000;
  private static final int MAX_BUCKETS = 10_000;
  private static final Set<String> CLAIM_FIELDS =
      Set.of("resources", "gpus", "at", "in", "for", "until", "message", "mode", "force");
  private static final Set<String> PATCH_FIELDS =
      Set.of("by", "until", "at", "message", "resources", "mode", "force");

  private final ServerConfig config;
  private final FleetDb db;
  private final Hub hub;
  private final Clock clock;
  private final Codec codec = new Codec();
  private final UsageApi usage;
  private final Metrics metrics;

  Api(ServerConfig config, FleetDb db, Hub hub, Clock clock) {
    this.config = config;
    this.db = db;
    this.hub = hub;
    this.clock = clock;
    this.usage = new UsageApi(db, config.zone(), clock);
    this.metrics = new Metrics(db, clock);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange x = new Exchange(request, response, callback);
    long started = System.nanoTime();
    try {
      route(x);
    } catch (ApiError e) {
      x.error(e);
    } catch (HosthogException e) {
      x.error(new ApiError(502, "bad_gateway", e.getMessage()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, x.method() + " " + x.path() + " failed", e);
      x.error(
          new ApiError(500, "internal", "the server failed: " + e.getMessage() + " (see its log)"));
    }
    metrics.observe(
        Metrics.route(x.method(), x.path()), response.getStatus(), System.nanoTime() - started);
    return true;
  }

  private void route(Exchange x) {
    String[] p = x.path().replaceAll("/+$", "").split("/");
    String m = x.method();
    String path = x.path();
    if (path.startsWith("/login/") && p.length == 3 && m.equals("GET")) {
      login(x, p[2]);
    } else if (path.equals("/") && m.equals("GET")) {
      page(x, "index.html");
    } else if (path.equals("/stats") && m.equals("GET")) {
      page(x, "stats.html");
    } else if (path.equals("/favicon.ico")) {
      x.send(204, "image/x-icon", new byte[0]);
    } else if (path.startsWith("/static/") && m.equals("GET")) {
      WebAssets.serve(x, path.substring("/static/".length()));
    } else if (path.startsWith("/api/v1/link/")) {
      link(x, p, m);
    } else if (path.equals("/api/v1/hosts") && m.equals("GET")) {
      reader(x);
      x.json(200, codec.compact(hosts()));
    } else if (path.equals("/api/v1/reservations") && m.equals("GET")) {
      reader(x);
      reservations(x);
    } else if (path.equals("/metrics") && m.equals("GET")) {
      scraper(x);
      x.send(200, Metrics.contentType(), metrics.scrape());
    } else if (path.equals("/api/v1/usage") && m.equals("GET")) {
      reader(x);
      usage.serve(x);
    } else if (path.equals("/api/v1/events") && m.equals("GET")) {
      events(x, webUser(x));
    } else if (path.startsWith("/feed/") && path.endsWith(".ics") && m.equals("GET")) {
      feed(x, path.substring("/feed/".length(), path.length() - ".ics".length()));
    } else if (path.equals("/api/v1/me/feed") && (m.equals("POST") || m.equals("DELETE"))) {
      Web web = webUser(x);
      checkCsrf(x, web);
      myFeed(x, web, m.equals("POST"));
    } else if (path.equals("/api/v1/me") && m.equals("GET")) {
      Web w = webUser(x);
      JsonObject o = new JsonObject();
      o.addProperty("user", w.user());
      o.addProperty("admin", config.adminUsers().contains(w.user()));
      JsonArray adminOn = new JsonArray();
      db.hosts().adminHosts(w.user()).forEach(adminOn::add);
      o.add("admin_on", adminOn);
      x.json(200, o.toString());
    } else if (p.length == 6 && p[3].equals("hosts") && p[5].equals("reservations")) {
      onHost(x, p[4], m, Optional.empty());
    } else if (p.length == 7 && p[3].equals("hosts") && p[5].equals("reservations")) {
      onHost(x, p[4], m, Optional.of(p[6]));
    } else {
      throw ApiError.notFound(
          "no such resource: " + Text.sanitize(m + " " + path) + " (the API is under /api/v1)");
    }
  }

  // ---- web: reading ---------------------------------------------------------------------------

  private List<FleetHost> hosts() {
    Instant now = clock.instant();
    List<FleetHost> out = new ArrayList<>();
    for (Hosts.HostRow row : db.hosts().all()) {
      List<ReplicaRows.Stored> current =
          db.replica()
              .reservations(
                  new ReplicaRows.Filter(
                      Optional.of(row.name()),
                      Optional.empty(),
                      Optional.of(now),
                      Optional.empty(),
                      false));
      out.add(Replica.host(row, current, now, Hosts.OFFLINE_AFTER));
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

  /** The event stream of a web page; it ends when the session does. */
  private void events(Exchange x, Web web) {
    SseStream[] self = new SseStream[1];
    self[0] = new SseStream(x.response, x.callback, () -> hub.unwatch(self[0]), web.expires());
    hub.watch(self[0]);
  }

  /** A calendar feed of one user's reservations; the token in its URL is the only key. */
  private void feed(Exchange x, String token) {
    String user =
        db.feeds()
            .feedOwner(Secrets.hash(token))
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "no such calendar feed (it may have been replaced or revoked); make a new"
                            + " one on the web page"));
    Instant now = clock.instant();
    List<ReplicaRows.Stored> mine =
        db.replica()
            .reservations(
                new ReplicaRows.Filter(
                    Optional.empty(),
                    Optional.of(user),
                    Optional.of(now.minus(Duration.ofDays(30))),
                    Optional.empty(),
                    false));
    x.send(200, "text/calendar; charset=utf-8", ICalendarFeed.of(user, mine, now));
  }

  /** Makes (or replaces) the caller's feed URL, or revokes it. */
  private void myFeed(Exchange x, Web web, boolean make) {
    if (!make) {
      db.feeds().revokeFeed(web.user());
      x.json(200, "{}");
      return;
    }
    String token = Secrets.newToken();
    db.feeds().replaceFeed(web.user(), Secrets.hash(token), clock.instant());
    JsonObject o = new JsonObject();
    o.addProperty("url", config.publicUrl().resolve("feed/" + token + ".ics").toString());
    x.json(200, o.toString());
  }

  // ---- web: changing, relayed to the host -----------------------------------------------------

  private void onHost(Exchange x, String host, String method, Optional<String> idText) {
    if (method.equals("GET")) {
      reader(x);
      long id = id(idText.orElseThrow(() -> ApiError.notFound("give a reservation id")));
      ReplicaRows.Stored r =
          db.replica()
              .reservation(host, id)
              .orElseThrow(
                  () -> ApiError.notFound(Text.sanitize(host) + " has no reservation " + id));
      x.json(200, Replica.json(r, clock.instant()));
      return;
    }
    Web web = webUser(x);
    checkCsrf(x, web);
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
        hub.relay(row.name(), web.user(), config.adminUsers().contains(web.user()), line);
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
      x.json(okStatus, codec.compact(g.reservation()));
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

  // ---- identity -------------------------------------------------------------------------------

  /** A logged-in web user and their session's CSRF token. */
  private record Web(String user, String csrf, Instant expires) {}

  private Web webUser(Exchange x) {
    Optional<Sessions.Session> session =
        x.cookie(SESSION_COOKIE)
            .flatMap(c -> db.sessions().session(Secrets.hash(c), clock.instant()));
    if (config.trustedUserHeader().isPresent()) {
      Optional<String> proxied =
          x.header(config.trustedUserHeader().get()).filter(u -> u.matches(USER_NAME));
      if (proxied.isPresent()
          && session.map(s -> s.user().equals(proxied.get())).orElse(false) == false) {
        return startSession(x, proxied.get());
      }
    }
    return session
        .map(s -> new Web(s.user(), s.csrf(), s.expires()))
        .orElseThrow(
            () ->
                ApiError.unauthorized(
                    "not logged in (or the session expired): run 'hosthog web' on any enrolled"
                        + " host and open the link it prints"));
  }

  /**
   * {@code /metrics} is open to loopback (a scraper on the server's machine) and to {@code
   * metrics_from}; anyone else needs a web session. A request a reverse proxy forwarded is not
   * loopback, whatever address it comes from.
   */
  private void scraper(Exchange x) {
    boolean forwarded =
        x.header("X-Forwarded-For").isPresent() || x.header("Forwarded").isPresent();
    String from = x.remoteAddress();
    boolean allowed =
        !forwarded
            && (ServerConfig.isLoopback(from)
                || config.usage().metricsFrom().stream().anyMatch(a -> sameAddress(a, from)));
    if (!allowed) {
      webUser(x);
    }
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** A reader: a web user, or a host daemon (its token). */
  private void reader(Exchange x) {
    if (x.header("Authorization").isPresent()) {
      host(x);
    } else {
      webUser(x);
    }
  }

  private void checkCsrf(Exchange x, Web web) {
    String sent = x.header("X-CSRF-Token").orElse("");
    if (!java.security.MessageDigest.isEqual(
        sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        web.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      throw ApiError.forbidden(
          "the X-CSRF-Token header must carry the value of the "
              + CSRF_COOKIE
              + " cookie; nothing was changed");
    }
  }

  private Web startSession(Exchange x, String user) {
    String id = Secrets.newToken();
    String csrf = Secrets.newToken();
    Instant expires = clock.instant().plus(config.sessionLifetime());
    db.sessions().createSession(Secrets.hash(id), user, csrf, expires);
    long maxAge = config.sessionLifetime().toSeconds();
    boolean secure = config.publicUrl().getScheme().equals("https");
    String attrs = "; Path=/; SameSite=Strict; Max-Age=" + maxAge + (secure ? "; Secure" : "");
    x.addCookie(SESSION_COOKIE + "=" + id + attrs + "; HttpOnly");
    x.addCookie(CSRF_COOKIE + "=" + csrf + attrs);
    return new Web(user, csrf, expires);
  }

  private void login(Exchange x, String token) {
    Sessions.LoginUse use = db.sessions().useLogin(Secrets.hash(token), clock.instant());
    if (use instanceof Sessions.LoginUse.LoggedIn in) {
      startSession(x, in.user());
      x.redirect("/");
      return;
    }
    String why =
        switch ((Sessions.LoginUse.Refused) use) {
          case USED -> "This login link was already used: each works once.";
          case EXPIRED -> "This login link has expired: each works for 5 minutes.";
          case UNKNOWN -> "This is not a login link of this server.";
        };
    x.send(
        401,
        "text/html; charset=utf-8",
        Pages.message("Not logged in", why + " Run 'hosthog web' on a host for a new one."));
  }

  private void page(Exchange x, String file) {
    Web web;
    try {
      web = webUser(x);
    } catch (ApiError e) {
      x.send(401, "text/html; charset=utf-8", Pages.message("Not logged in", e.getMessage()));
      return;
    }
    WebAssets.serve(x, file);
  }

  // ---- host links -----------------------------------------------------------------------------

  /** The host whose token the request carries; 401 otherwise. */
  private String host(Exchange x) {
    String auth = x.header("Authorization").orElse("");
    if (!auth.startsWith("Bearer ") || auth.length() > 200) {
      throw ApiError.unauthorized(
          "a host authenticates with 'Authorization: Bearer TOKEN' (its [sync.fleet] token_file)");
    }
    return db.hosts()
        .hostForToken(Secrets.hash(auth.substring(7).strip()))
        .orElseThrow(
            () ->
                ApiError.unauthorized(
                    "this host token is not enrolled or was revoked; on the server run 'hosthog"
                        + " server enroll HOST' and write the new token to the host's token_file"));
  }

  private void link(Exchange x, String[] p, String m) {
    String host = host(x);
    String what = p.length > 4 ? p[4] : "";
    if (what.equals("push") && m.equals("POST") && p.length == 5) {
      push(x, host);
    } else if (what.equals("requests") && m.equals("GET") && p.length == 5) {
      db.hosts().touch(host, clock.instant(), Optional.empty());
      SseStream[] self = new SseStream[1];
      self[0] = new SseStream(x.response, x.callback, () -> hub.hostDisconnected(host, self[0]));
      hub.hostConnected(host, self[0]);
    } else if (what.equals("answers") && m.equals("POST") && p.length == 6) {
      long id;
      try {
        id = Long.parseLong(p[5]);
      } catch (NumberFormatException e) {
        throw ApiError.notFound("'" + Text.sanitize(p[5]) + "' is not a request id");
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
    } else if (what.equals("login") && m.equals("POST") && p.length == 5) {
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
    } else {
      throw ApiError.notFound("no such link resource: " + Text.sanitize(m + " " + x.path()));
    }
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
