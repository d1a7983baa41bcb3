package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API over real HTTP on a real database, with garbage of every kind. Host daemons are
 * played by the test speaking the link protocol (the launcher's FleetIT uses real daemons).
 */
abstract class ApiContract extends ApiTestBase {
  // ---- pushes -------------------------------------------------------------------------------

  @Test
  void aPushedReservationIsServedWithItsHostAndState() throws Exception {
    UUID u = UUID.randomUUID();
    HttpResponse<String> r =
        asHost(
            alphaToken,
            "POST",
            "api/v1/link/push",
            push(1, reservation("alpha", 3, u, "alice", "train")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        u.toString(),
        JsonParser.parseString(r.body())
            .getAsJsonObject()
            .getAsJsonArray("stored")
            .get(0)
            .getAsString());
    HttpResponse<String> list = asHost(betaToken, "GET", "api/v1/reservations?host=alpha", null);
    JsonArray a = JsonParser.parseString(list.body()).getAsJsonArray();
    assertEquals(1, a.size(), list.body());
    JsonObject got = a.get(0).getAsJsonObject();
    assertEquals("alpha", got.get("host").getAsString());
    assertEquals(3, got.get("id").getAsLong());
    assertEquals("active", got.get("state").getAsString());
    assertEquals("train", got.get("message").getAsString());
    HttpResponse<String> hosts = asHost(betaToken, "GET", "api/v1/hosts", null);
    JsonObject alpha =
        JsonParser.parseString(hosts.body()).getAsJsonArray().get(0).getAsJsonObject();
    assertTrue(alpha.get("online").getAsBoolean(), hosts.body());
    assertEquals(
        List.of("gpu:1", "cpu"),
        alpha.getAsJsonArray("free_now").asList().stream()
            .map(f -> f.getAsJsonObject().get("resource").getAsString())
            .toList(),
        "gpu:0 is claimed, so neither it nor the whole host is free");
  }

  @Test
  void busyGivesEachHostAStripOfItsClaimedGpusAndRefusesAWindowItCannotRead() throws Exception {
    asHost(
        alphaToken,
        "POST",
        "api/v1/link/push",
        push(1, reservation("alpha", 3, UUID.randomUUID(), "alice", "train")));
    Instant now = Instant.now();
    HttpResponse<String> r =
        asHost(
            betaToken,
            "GET",
            "api/v1/busy?from="
                + now.minus(Duration.ofDays(1))
                + "&to="
                + now.plus(Duration.ofDays(1)),
            null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject alpha = JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
    assertEquals("alpha", alpha.get("host").getAsString());
    assertEquals(2, alpha.get("of").getAsInt(), "alpha pushed two GPUs");
    assertEquals("GPUs", alpha.get("unit").getAsString());
    assertEquals("[\"alice\"]", alpha.get("owners").toString());
    JsonArray span = alpha.getAsJsonArray("spans").get(0).getAsJsonArray();
    assertEquals(1, alpha.getAsJsonArray("spans").size(), r.body());
    assertEquals(2, span.get(2).getAsInt(), "gpu:0 of two: half claimed, level 2");
    assertEquals(1, span.get(3).getAsInt());
    assertEquals(Duration.ofHours(2).toMillis(), span.get(1).getAsLong() - span.get(0).getAsLong());
    for (String bad :
        List.of(
            "api/v1/busy",
            "api/v1/busy?from=" + now,
            "api/v1/busy?from=" + now + "&to=" + now.minusSeconds(1),
            "api/v1/busy?from=" + now + "&to=" + now.plus(Duration.ofDays(401)),
            "api/v1/busy?from=yesterday&to=" + now,
            "api/v1/busy?from=" + now + "&to=" + now.plusSeconds(60) + "&step=-1")) {
      HttpResponse<String> refused = asHost(betaToken, "GET", bad, null);
      assertEquals(400, refused.statusCode(), bad + " -> " + refused.body());
      assertTrue(
          error(refused).contains("'to'")
              || error(refused).contains("'from'")
              || error(refused).contains("give the window")
              || error(refused).contains("'step'"),
          refused.body());
    }
  }

  @Test
  void anOlderVersionNeverOverwritesANewerOne() throws Exception {
    UUID u = UUID.randomUUID();
    asHost(
        alphaToken,
        "POST",
        "api/v1/link/push",
        push(5, reservation("alpha", 1, u, "alice", "new")));
    HttpResponse<String> old =
        asHost(
            alphaToken,
            "POST",
            "api/v1/link/push",
            push(4, reservation("alpha", 1, u, "alice", "old")));
    assertEquals(200, old.statusCode());
    assertTrue(old.body().contains("\"stale\":[\"" + u + "\"]"), old.body());
    assertTrue(asHost(alphaToken, "GET", "api/v1/reservations", null).body().contains("\"new\""));
  }

  @Test
  void aPushOfAnotherHostsUuidIsRefusedNotStale() throws Exception {
    UUID u = UUID.randomUUID();
    assertEquals(
        200,
        asHost(
                alphaToken,
                "POST",
                "api/v1/link/push",
                push(1, reservation("alpha", 1, u, "al", "x")))
            .statusCode());
    HttpResponse<String> r =
        asHost(
            betaToken, "POST", "api/v1/link/push", push(5, reservation("beta", 1, u, "bob", "y")));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject answer = JsonParser.parseString(r.body()).getAsJsonObject();
    assertEquals("[\"" + u + "\"]", answer.get("refused").toString(), r.body());
    assertEquals("[]", answer.get("stale").toString(), "not stale: beta would forget it");
    assertTrue(
        asHost(alphaToken, "GET", "api/v1/reservations", null).body().contains("\"owner\":\"al\""),
        "alpha's reservation is untouched");
  }

  @Test
  void aHostCannotPushAnotherHostsReservation() throws Exception {
    HttpResponse<String> r =
        asHost(
            alphaToken,
            "POST",
            "api/v1/link/push",
            push(1, reservation("beta", 1, UUID.randomUUID(), "bob", "forged")));
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(error(r).contains("names host 'beta', but this token is alpha's"), r.body());
    assertEquals("[]", asHost(alphaToken, "GET", "api/v1/reservations", null).body());
  }

  @Test
  void garbageIsRefusedWithAClearMessageAndTheServerKeepsServing() throws Exception {
    record Case(String body, int status, String fragment) {}
    List<Case> cases =
        List.of(
            new Case("{not json", 400, "not valid JSON"),
            new Case("[1, 2]", 400, "must be a JSON object"),
            new Case("{\"reservations\": [], \"extra\": 1}", 400, "unknown field 'extra'"),
            new Case("{\"reservations\": 5}", 400, "'reservations' must be an array"),
            new Case("{\"reservations\": [{\"version\": 1}]}", 400, "Nothing was stored"),
            new Case("{\"reservations\": [{\"version\": 0, \"reservation\": {}}]}", 400, "from 1"),
            new Case("{\"inventory\": {\"cpus\": \"many\"}}", 400, "not a hosthog inventory"),
            new Case("{\"admins\": \"carol\"}", 400, "'admins' must be an array"),
            new Case("{\"admins\": [\"carol\", \"a b;\"]}", 400, "not a user name"),
            new Case("{\"reservations\": [" + "[".repeat(5000) + "]}", 400, ""));
    for (Case c : cases) {
      HttpResponse<String> r = asHost(alphaToken, "POST", "api/v1/link/push", c.body());
      assertEquals(c.status(), r.statusCode(), c.body() + " -> " + r.body());
      assertTrue(error(r).contains(c.fragment()), c.body() + " -> " + r.body());
    }
    // a body declared too large is refused before it is read: the client need not send it
    String huge =
        rawRequest(
            "POST /api/v1/link/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + alphaToken
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (9 << 20)
                + "\r\n\r\n{\"reservations\": [");
    assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
    assertTrue(huge.contains("larger than"), huge);
    assertEquals(200, asHost(alphaToken, "GET", "api/v1/hosts", null).statusCode());
  }

  /** Sends {@code request} as is on a new connection; what came back before the server closed. */
  String rawRequest(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      byte[] buffer = new byte[65536];
      int n = socket.getInputStream().read(buffer);
      return n < 0 ? "" : new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void aWrongOrRevokedTokenIsUnauthorized() throws Exception {
    HttpResponse<String> wrong = asHost("not-a-token", "POST", "api/v1/link/push", "{}");
    assertEquals(401, wrong.statusCode());
    assertTrue(error(wrong).contains("hosthog server enroll HOST"), wrong.body());
    assertEquals(200, asHost(alphaToken, "POST", "api/v1/link/push", "{}").statusCode());
    db.hosts().revoke("alpha", clock.instant());
    assertEquals(401, asHost(alphaToken, "POST", "api/v1/link/push", "{}").statusCode());
    assertEquals(
        401, call("GET", "api/v1/hosts", null, "Authorization", "Basic eA==").statusCode());
  }

  // ---- web identity -------------------------------------------------------------------------

  @Test
  void withoutASessionPagesAndTheApiAnswer401() throws Exception {
    for (String path :
        List.of("", "api/v1/hosts", "api/v1/reservations", "api/v1/me", "api/v1/events")) {
      HttpResponse<String> r = call("GET", path, null);
      assertEquals(401, r.statusCode(), path);
      assertTrue(r.body().contains("hosthog web"), path + ": " + r.body());
    }
    HttpResponse<String> forged = call("GET", "api/v1/me", null, "Cookie", "hosthog_session=guess");
    assertEquals(401, forged.statusCode());
  }

  /**
   * What an anonymous client sends never becomes a metrics label: random paths under the link and
   * elsewhere, random methods, all count as {@code other} / {@code OTHER}. And the answers name no
   * server version.
   */
  @Test
  void randomPathsAndMethodsNeverGrowTheMetrics() throws Exception {
    java.util.Random random = new java.util.Random(28);
    for (int i = 0; i < 300; i++) {
      String segment = Long.toHexString(random.nextLong());
      String method = List.of("GET", "POST", "PROPFIND", "X" + segment, "DELETE").get(i % 5);
      HttpResponse<String> r =
          call(method, (i % 2 == 0 ? "api/v1/link/" : "") + segment + "/" + i, null);
      assertTrue(r.statusCode() == 401 || r.statusCode() == 404 || r.statusCode() == 400, method);
    }
    HttpResponse<String> metrics = call("GET", "metrics", null);
    assertEquals(200, metrics.statusCode());
    java.util.Set<String> routes = new java.util.TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("route=\"([^\"]*)\"").matcher(metrics.body());
    while (m.find()) {
      routes.add(m.group(1));
    }
    java.util.Set<String> known = new java.util.HashSet<>();
    for (var r : Api.routes(config, db, null, clock, null)) {
      known.add(r.pattern());
    }
    known.add("other");
    for (String route : routes) {
      String[] parts = route.split(" ", 2);
      assertTrue(
          org.hosthog.server.http.Router.METHODS.contains(parts[0]) || parts[0].equals("OTHER"),
          "a method label from the client: " + route);
      assertTrue(known.contains(parts[1]), "a path label from the client: " + route);
    }
    assertTrue(routes.size() < 40, routes.toString());
    assertTrue(
        metrics.headers().firstValue("Server").map(v -> !v.matches(".*\\d.*")).orElse(true),
        "the Server header names no version: " + metrics.headers().firstValue("Server"));
  }

  /** The pages and every file they load come from the module's resources, whatever moved. */
  @Test
  void thePagesAndTheirFilesAreServed() throws Exception {
    Map<String, String> alice = login("alice");
    java.util.Set<String> files = new java.util.TreeSet<>();
    for (String page : List.of("", "stats")) {
      HttpResponse<String> r = asWeb(alice, "GET", page, null, "");
      assertEquals(200, r.statusCode(), page + ": " + r.body());
      assertTrue(r.body().contains("<html"), page);
      java.util.regex.Matcher loads =
          java.util.regex.Pattern.compile("(?:src|href)=\"/static/([^\"]+)\"").matcher(r.body());
      while (loads.find()) {
        files.add(loads.group(1));
      }
    }
    assertTrue(files.containsAll(List.of("app.js", "stats.js", "app.css")), files.toString());
    for (String file : files) {
      HttpResponse<String> r = call("GET", "static/" + file, null);
      assertEquals(200, r.statusCode(), file + ": " + r.body());
      assertTrue(r.body().length() > 100, file);
    }
    assertEquals(404, call("GET", "static/../module-info.class", null).statusCode());
    assertEquals(404, call("GET", "static/nope.js", null).statusCode());
  }

  @Test
  void aLoginLinkWorksOnceWithinFiveMinutes() throws Exception {
    Map<String, String> alice = login("alice");
    HttpResponse<String> me = asWeb(alice, "GET", "api/v1/me", null, "");
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(
        "alice", JsonParser.parseString(me.body()).getAsJsonObject().get("user").getAsString());
    assertEquals(
        "[]", JsonParser.parseString(me.body()).getAsJsonObject().get("admin_on").toString());
    asHost(alphaToken, "POST", "api/v1/link/push", "{\"admins\": [\"alice\", \"carol\"]}");
    HttpResponse<String> admin = asWeb(alice, "GET", "api/v1/me", null, "");
    assertEquals(
        "[\"alpha\"]",
        JsonParser.parseString(admin.body()).getAsJsonObject().get("admin_on").toString(),
        "alpha counts alice as its admin: the page offers her its buttons");
    HttpResponse<String> replay = call("GET", alice.get("url").substring(1), null);
    assertEquals(401, replay.statusCode());
    assertTrue(replay.body().contains("already used"), replay.body());

    HttpResponse<String> link =
        asHost(alphaToken, "POST", "api/v1/link/login", "{\"user\": \"bob\"}");
    String path =
        URI.create(JsonParser.parseString(link.body()).getAsJsonObject().get("url").getAsString())
            .getPath();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    HttpResponse<String> late = call("GET", path.substring(1), null);
    assertEquals(401, late.statusCode());
    assertTrue(late.body().contains("expired"), late.body());
    assertEquals(
        400, asHost(alphaToken, "POST", "api/v1/link/login", "{\"user\": \"a b;\"}").statusCode());
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStrictTheCsrfCookieReadable() throws Exception {
    HttpResponse<String> link =
        asHost(alphaToken, "POST", "api/v1/link/login", "{\"user\": \"alice\"}");
    String path =
        URI.create(JsonParser.parseString(link.body()).getAsJsonObject().get("url").getAsString())
            .getPath();
    HttpResponse<String> open = call("GET", path.substring(1), null);
    List<String> cookies = open.headers().allValues("Set-Cookie");
    String session =
        cookies.stream().filter(c -> c.startsWith("hosthog_session=")).findFirst().orElseThrow();
    String csrf =
        cookies.stream().filter(c -> c.startsWith("hosthog_csrf=")).findFirst().orElseThrow();
    assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Strict"), session);
    assertTrue(!csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"), csrf);
    assertEquals("/", open.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void logoutEndsThatSessionAndNoOther() throws Exception {
    Map<String, String> here = login("alice");
    Map<String, String> there = login("alice");
    assertEquals(
        403,
        asWeb(here, "POST", "api/v1/logout", null, "not-the-token").statusCode(),
        "a logout is a change: it needs the CSRF token");
    HttpResponse<String> out = asWeb(here, "POST", "api/v1/logout", null, here.get("hosthog_csrf"));
    assertEquals(204, out.statusCode(), out.body());
    assertTrue(
        out.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith("hosthog_session=;") && c.contains("Max-Age=0")),
        out.headers().toString());
    assertEquals(401, asWeb(here, "GET", "api/v1/me", null, "").statusCode());
    assertEquals(200, asWeb(there, "GET", "api/v1/me", null, "").statusCode(), "the other one");
    assertEquals(401, call("POST", "api/v1/logout", null).statusCode());
  }

  @Test
  void loginLinksAreForUnixUserNamesNeverRootOrANumber() throws Exception {
    for (String user : List.of("root", "1000", "0", "a b", "")) {
      HttpResponse<String> r =
          asHost(alphaToken, "POST", "api/v1/link/login", "{\"user\": \"" + user + "\"}");
      assertEquals(400, r.statusCode(), user + ": " + r.body());
    }
    assertTrue(
        asHost(alphaToken, "POST", "api/v1/link/login", "{\"user\": \"root\"}")
            .body()
            .contains("never as root"));
    assertEquals(
        400, asHost(alphaToken, "POST", "api/v1/link/login", "{\"user\": {}}").statusCode());
  }

  @Test
  void aSessionHoldsAtMostEightEventStreams() throws Exception {
    Map<String, String> alice = login("alice");
    List<HttpResponse<java.io.InputStream>> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 9; i++) {
        open.add(
            http.send(
                HttpRequest.newBuilder(base.resolve("api/v1/events"))
                    .header("Cookie", "hosthog_session=" + alice.get("hosthog_session"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream()));
      }
      for (int i = 0; i < 8; i++) {
        assertEquals(200, open.get(i).statusCode(), "stream " + (i + 1));
      }
      assertEquals(429, open.get(8).statusCode());
      assertEquals("30", open.get(8).headers().firstValue("Retry-After").orElse(""));
      assertEquals(200, asWeb(login("alice"), "GET", "api/v1/me", null, "").statusCode());
    } finally {
      for (var r : open) {
        r.body().close();
      }
    }
  }

  @Test
  void aSessionExpiresAndItsEventStreamEndsWithIt() throws Exception {
    Map<String, String> alice = login("alice");
    var ended = endOf(events(alice));
    clock.advance(config.sessionLifetime().plusSeconds(1));
    assertEquals(401, asWeb(alice, "GET", "api/v1/me", null, "").statusCode());
    ended.get(10, TimeUnit.SECONDS); // the stream ended: no news for an expired session
  }

  @Test
  void loggingOutOrRevokingItsHostEndsASessionsEventStreamsAndNoOthers() throws Exception {
    Map<String, String> viaAlpha = login(alphaToken, "alice");
    Map<String, String> viaBeta = login(betaToken, "bob");
    Map<String, String> again = login(alphaToken, "carol");
    var loggedOut = endOf(events(viaAlpha));
    var revoked = endOf(events(again));
    var stays = endOf(events(viaBeta));
    assertEquals(
        204,
        asWeb(viaAlpha, "POST", "api/v1/logout", null, viaAlpha.get("hosthog_csrf")).statusCode());
    loggedOut.get(5, TimeUnit.SECONDS);
    db.hosts().revoke("alpha", clock.instant()); // as 'hosthog server revoke', beside the server
    revoked.get(5, TimeUnit.SECONDS); // at the next keep-alive
    Thread.sleep(500); // two more keep-alives
    assertTrue(!stays.isDone(), "beta vouched for bob: his stream stays open");
    assertEquals(200, asWeb(viaBeta, "GET", "api/v1/me", null, "").statusCode());
  }

  private HttpResponse<Stream<String>> events(Map<String, String> session) throws Exception {
    HttpResponse<Stream<String>> events =
        http.send(
            HttpRequest.newBuilder(base.resolve("api/v1/events"))
                .header("Cookie", "hosthog_session=" + session.get("hosthog_session"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, events.statusCode());
    return events;
  }

  /** Completes when the stream ends. */
  private static java.util.concurrent.CompletableFuture<Void> endOf(
      HttpResponse<Stream<String>> events) {
    return java.util.concurrent.CompletableFuture.runAsync(() -> events.body().count());
  }

  // ---- web changes, relayed to a host -------------------------------------------------------

  @Test
  void aMutationWithoutTheCsrfTokenIsForbidden() throws Exception {
    Map<String, String> bob = login("bob");
    asHost(betaToken, "POST", "api/v1/link/push", "{}");
    for (String csrf : List.of("", "forged", bob.get("hosthog_session"))) {
      HttpResponse<String> r =
          asWeb(
              bob,
              "POST",
              "api/v1/hosts/beta/reservations",
              "{\"resources\": [\"gpu:1\"], \"for\": \"1h\", \"message\": \"x\"}",
              csrf);
      assertEquals(403, r.statusCode(), csrf);
      assertTrue(error(r).contains("X-CSRF-Token"), r.body());
    }
    assertEquals(
        403, asWeb(bob, "DELETE", "api/v1/hosts/beta/reservations/1", null, "x").statusCode());
    assertTrue(
        db.requests().unanswered("beta", Instant.EPOCH).isEmpty(), "nothing reached the host");
  }

  /**
   * A flood of web requests at a host that looks online but never answers (its daemon stopped):
   * beyond four in flight, one user's requests are refused at once with Retry-After, and another
   * user's pages are served meanwhile.
   */
  @Test
  void aFloodAtADeadHostIsCappedAndOthersAreServed() throws Exception {
    asHost(betaToken, "POST", "api/v1/link/push", "{}"); // online, and nobody listens for it
    Map<String, String> alice = login("alice");
    Map<String, String> bob = login("bob");
    String claim = "{\"resources\": [\"gpu:1\"], \"for\": \"1h\", \"message\": \"x\"}";
    var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> flood = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        flood.add(
            pool.submit(
                () ->
                    asWeb(
                        alice,
                        "POST",
                        "api/v1/hosts/beta/reservations",
                        claim,
                        alice.get("hosthog_csrf"))));
      }
      Thread.sleep(1000); // the flood is in: four wait for beta, the rest were refused
      long started = System.nanoTime();
      HttpResponse<String> hosts = asWeb(bob, "GET", "api/v1/hosts", null, "");
      assertEquals(200, hosts.statusCode(), hosts.body());
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
          "another user's page is served during the flood");
      int refused = 0;
      int timedOut = 0;
      for (var f : flood) {
        HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
        if (r.statusCode() == 503) {
          refused++;
          assertEquals("5", r.headers().firstValue("Retry-After").orElse(""), r.body());
        } else {
          assertEquals(504, r.statusCode(), r.body());
          timedOut++;
        }
      }
      assertEquals(4, timedOut, "four of alice's requests waited for beta");
      assertEquals(8, refused, "the rest were refused at once");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownOfflineAndMalformedRequestsAreRefusedBeforeAnyHostIsAsked() throws Exception {
    Map<String, String> bob = login("bob");
    String csrf = bob.get("hosthog_csrf");
    String claim = "{\"resources\": [\"gpu:1\"], \"for\": \"1h\", \"message\": \"x\"}";
    HttpResponse<String> unknown =
        asWeb(bob, "POST", "api/v1/hosts/nosuch/reservations", claim, csrf);
    assertEquals(404, unknown.statusCode());
    HttpResponse<String> offline =
        asWeb(bob, "POST", "api/v1/hosts/beta/reservations", claim, csrf);
    assertEquals(503, offline.statusCode());
    assertTrue(error(offline).contains("beta has never been in contact"), offline.body());
    asHost(betaToken, "POST", "api/v1/link/push", "{}");
    clock.advance(Duration.ofMinutes(3));
    HttpResponse<String> gone = asWeb(bob, "POST", "api/v1/hosts/beta/reservations", claim, csrf);
    assertEquals(503, gone.statusCode());
    assertTrue(error(gone).contains("beta has been offline since"), gone.body());
    asHost(betaToken, "POST", "api/v1/link/push", "{}");
    for (String[] c :
        List.of(
            new String[] {
              "{\"resources\": [\"gpu:1\"], \"message\": \"no end\"}", "a claim needs an end"
            },
            new String[] {"{\"for\": \"1h\", \"until\": \"fri\", \"message\": \"x\"}", "not both"},
            new String[] {
              "{\"for\": \"1h\", \"message\": \"x\", \"evil\": true}", "unknown field 'evil'"
            },
            new String[] {
              "{\"resources\": \"gpu:1\", \"for\": \"1h\"}", "field 'resources' must be"
            },
            new String[] {"not json", "not valid JSON"})) {
      HttpResponse<String> r = asWeb(bob, "POST", "api/v1/hosts/beta/reservations", c[0], csrf);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertTrue(error(r).contains(c[1]), c[0] + " -> " + r.body());
    }
    HttpResponse<String> patch =
        asWeb(
            bob,
            "PATCH",
            "api/v1/hosts/beta/reservations/1",
            "{\"by\": \"1h\", \"message\": \"m\"}",
            csrf);
    assertEquals(400, patch.statusCode());
    assertEquals(
        404, asWeb(bob, "DELETE", "api/v1/hosts/beta/reservations/abc", null, csrf).statusCode());
    assertTrue(
        db.requests().unanswered("beta", Instant.EPOCH).isEmpty(), "nothing reached the host");
  }

  @Test
  void aRequestReachesTheHostsStreamAndItsAnswerTheCaller() throws Exception {
    Map<String, String> bob = login("bob");
    asHost(betaToken, "POST", "api/v1/link/push", "{}");
    BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    Thread host = stream(betaToken, requests);
    try {
      var pending = answerLater(bob, "DELETE", "api/v1/hosts/beta/reservations/4", null);
      String request = requests.poll(10, TimeUnit.SECONDS);
      JsonObject q = JsonParser.parseString(request).getAsJsonObject();
      assertEquals("bob", q.get("user").getAsString());
      assertTrue(q.get("line").getAsString().contains("\"op\":\"release\""), request);
      String denied =
          "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"not_permitted\",\"message\":\"only hhalice, an admin or root may change reservation 4\"}}";
      HttpResponse<String> wrongHost =
          asHost(alphaToken, "POST", "api/v1/link/answers/" + q.get("id").getAsLong(), denied);
      assertEquals(404, wrongHost.statusCode(), "alpha cannot answer beta's request");
      assertEquals(
          200,
          asHost(betaToken, "POST", "api/v1/link/answers/" + q.get("id").getAsLong(), denied)
              .statusCode());
      HttpResponse<String> answer = pending.get(20, TimeUnit.SECONDS);
      assertEquals(403, answer.statusCode(), answer.body());
      assertTrue(error(answer).contains("only hhalice"), answer.body());
      assertEquals(
          404,
          asHost(betaToken, "POST", "api/v1/link/answers/" + q.get("id").getAsLong(), denied)
              .statusCode(),
          "answered once");
    } finally {
      host.interrupt();
    }
  }

  @Test
  void aCalendarFeedShowsOnesReservationsUntilReplacedOrRevoked() throws Exception {
    asHost(
        alphaToken,
        "POST",
        "api/v1/link/push",
        push(1, reservation("alpha", 4, UUID.randomUUID(), "alice", "train;\nEND:VEVENT, \\o/")));
    asHost(
        alphaToken,
        "POST",
        "api/v1/link/push",
        push(1, reservation("alpha", 5, UUID.randomUUID(), "bob", "not alice's")));
    Map<String, String> alice = login("alice");
    HttpResponse<String> made =
        asWeb(alice, "POST", "api/v1/me/feed", null, alice.get("hosthog_csrf"));
    assertEquals(200, made.statusCode(), made.body());
    String path =
        URI.create(JsonParser.parseString(made.body()).getAsJsonObject().get("url").getAsString())
            .getPath();
    HttpResponse<String> feed = call("GET", path.substring(1), null);
    assertEquals(200, feed.statusCode());
    assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    String ics = feed.body();
    assertEquals(1, ics.split("BEGIN:VEVENT", -1).length - 1, ics);
    assertTrue(ics.contains("SUMMARY:[alpha] gpu:0 — train\\;\\nEND:VEVENT\\, \\\\o/"), ics);
    assertTrue(!ics.contains("not alice's"), ics);
    assertTrue(
        ics.lines().allMatch(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75),
        ics);
    assertTrue(ics.contains("\r\n"), "CRLF lines");

    assertEquals(403, asWeb(alice, "POST", "api/v1/me/feed", null, "forged").statusCode());
    asWeb(alice, "POST", "api/v1/me/feed", null, alice.get("hosthog_csrf")); // replaced
    assertEquals(404, call("GET", path.substring(1), null).statusCode());
    HttpResponse<String> again =
        asWeb(alice, "POST", "api/v1/me/feed", null, alice.get("hosthog_csrf"));
    String second =
        URI.create(JsonParser.parseString(again.body()).getAsJsonObject().get("url").getAsString())
            .getPath();
    assertEquals(
        200,
        asWeb(alice, "DELETE", "api/v1/me/feed", null, alice.get("hosthog_csrf")).statusCode());
    assertEquals(404, call("GET", second.substring(1), null).statusCode());
    assertEquals(404, call("GET", "feed/guess.ics", null).statusCode());
  }

  @Test
  void aWebPageStreamHearsEveryPush() throws Exception {
    Map<String, String> alice = login("alice");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("api/v1/events"))
                .header("Cookie", "hosthog_session=" + alice.get("hosthog_session"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    Thread t = new Thread(() -> r.body().filter(l -> l.startsWith("data:")).forEach(events::add));
    t.setDaemon(true);
    t.start();
    List<String> got = new ArrayList<>();
    UUID u = UUID.randomUUID();
    asHost(
        alphaToken,
        "POST",
        "api/v1/link/push",
        push(1, reservation("alpha", 1, u, "alice", "<script>x</script>")));
    got.add(events.poll(5, TimeUnit.SECONDS));
    assertTrue(got.get(0) != null && got.get(0).contains(u.toString()), String.valueOf(got));
    // a push of several (a host back after an outage): every one reaches the page
    UUID v = UUID.randomUUID();
    UUID w = UUID.randomUUID();
    String two =
        push(1, reservation("alpha", 2, v, "alice", "two"))
            .replace(
                "}]}",
                "}, {\"version\": 1, \"reservation\": "
                    + reservation("alpha", 3, w, "bob", "three")
                    + "}]}");
    assertEquals(200, asHost(alphaToken, "POST", "api/v1/link/push", two).statusCode());
    String both = events.poll(5, TimeUnit.SECONDS) + events.poll(5, TimeUnit.SECONDS);
    assertTrue(both.contains(v.toString()) && both.contains(w.toString()), both);
    t.interrupt();
  }
}
