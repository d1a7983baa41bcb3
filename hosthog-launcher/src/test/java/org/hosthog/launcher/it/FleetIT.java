package org.hosthog.launcher.it;

import static org.hosthog.launcher.it.Fleet.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.hosthog.server.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet with real parts (see {@link Fleet}): links, web requests, outages, kill -9, revoked
 * tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
  @BeforeAll
  static void startFleet() throws Exception {
    Fleet.start();
  }

  @AfterAll
  static void stopFleet() throws Exception {
    Fleet.stop();
  }

  // ---- tests --------------------------------------------------------------------------------

  @Test
  @Order(1)
  void aClaimOnAHostAppearsInTheServersApi() throws Exception {
    long id = claimed(alpha.as("hhalice", "claim", "gpu:0", "--for", "3h", "-m", "alpha's run"));
    waitUntil(
        Duration.ofSeconds(10),
        () ->
            reservations("?host=alpha").stream()
                .anyMatch(
                    r ->
                        r.get("id").getAsLong() == id
                            && r.get("owner").getAsString().equals("hhalice")));
    JsonObject r = reservations("?host=alpha").get(0);
    assertEquals("alpha's run", r.get("message").getAsString());
    assertEquals("active", r.get("state").getAsString());
    Result hosts = server("hosts");
    assertTrue(hosts.out().contains("alpha") && hosts.out().contains("online"), hosts.toString());
  }

  @Test
  @Order(2)
  void bobClaimsOnBetaFromTheWebAndBetaShowsIt() throws Exception {
    Map<String, String> bob = login(beta, "hhbob", servers.get(0)); // logged in on A ...
    HttpResponse<String> claim =
        web(
            bob,
            servers.get(1), // ... the session holds on B
            "POST",
            "api/v1/hosts/beta/reservations",
            "{\"resources\": [\"gpu:1\"], \"for\": \"2h\", \"message\": \"from the web\"}",
            true);
    assertEquals(201, claim.statusCode(), claim.body());
    JsonObject r = JsonParser.parseString(claim.body()).getAsJsonObject();
    assertEquals("hhbob", r.get("owner").getAsString());
    Result list = beta.as("hhbob", "list");
    assertTrue(
        list.out().contains("from the web") && list.out().contains("hhbob"), list.toString());
    Result show = beta.as("hhbob", "show", r.get("id").getAsString());
    assertTrue(show.out().contains("(via web)"), show.toString());
    waitUntil(Duration.ofSeconds(10), () -> contains(beta.motd(), "from the web"));
    Result replay =
        DaemonFixture.exec(
            List.of("curl", "-s", servers.get(0).url().resolve(bob.get("link")).toString()), null);
    assertTrue(replay.out().contains("already used"), replay.toString());
  }

  @Test
  @Order(3)
  void aConflictFromTheWebNamesTheReservationInTheWay() throws Exception {
    long alices = claimed(beta.as("hhalice", "claim", "gpu:2", "--for", "2h", "-m", "alice first"));
    Map<String, String> bob = login(beta, "hhbob", servers.get(1));
    HttpResponse<String> r =
        web(
            bob,
            servers.get(1),
            "POST",
            "api/v1/hosts/beta/reservations",
            "{\"resources\": [\"gpu:2\"], \"for\": \"1h\", \"message\": \"bob too\"}",
            true);
    assertEquals(409, r.statusCode(), r.body());
    JsonObject error = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
    JsonObject conflict = error.getAsJsonArray("conflicts").get(0).getAsJsonObject();
    assertEquals(alices, conflict.get("id").getAsLong());
    assertEquals("hhalice", conflict.get("owner").getAsString());
    assertTrue(
        error.get("message").getAsString().contains("conflicts with reservation " + alices),
        r.body());

    HttpResponse<String> release =
        web(bob, servers.get(0), "DELETE", "api/v1/hosts/beta/reservations/" + alices, null, true);
    assertEquals(403, release.statusCode(), release.body());
    HttpResponse<String> forged =
        web(bob, servers.get(0), "DELETE", "api/v1/hosts/beta/reservations/" + alices, null, false);
    assertEquals(403, forged.statusCode(), forged.body());
    assertTrue(beta.as("hhalice", "list").out().contains("alice first"));
  }

  @Test
  @Order(4)
  void theServersAdminMayReleaseAnyonesReservationOnAHost() throws Exception {
    long alices = claimed(alpha.as("hhalice", "claim", "gpu:2", "--for", "1h", "-m", "admin test"));
    Map<String, String> dora = login(alpha, "hhdora", servers.get(1));
    HttpResponse<String> me = web(dora, servers.get(1), "GET", "api/v1/me", null, false);
    assertTrue(me.body().contains("\"admin\":true"), me.body());
    HttpResponse<String> release =
        web(
            dora,
            servers.get(1),
            "DELETE",
            "api/v1/hosts/alpha/reservations/" + alices,
            null,
            true);
    assertEquals(200, release.statusCode(), release.body());
    Result show = alpha.as("hhalice", "show", Long.toString(alices));
    assertTrue(show.out().contains("hhdora") && show.out().contains("(via web)"), show.toString());
    long second =
        claimed(alpha.as("hhalice", "claim", "gpu:2", "--for", "1h", "-m", "admin test 2"));
    Result direct = alpha.as("hhdora", "release", Long.toString(second));
    assertEquals(1, direct.exit(), "on the host itself dora is nobody special: " + direct);
    assertEquals(0, alpha.as("hhalice", "release", Long.toString(second)).exit());
  }

  /**
   * carol is in both hosts' admin group. Logged in through beta, beta counts her as its admin but
   * alpha does not: root of beta could mint a login for anyone, which must not make them alpha's
   * admin. Through alpha, she is alpha's admin.
   */
  @Test
  @Order(4)
  void aLoginFromOneHostNeverGrantsAnotherHostsAdminGroups() throws Exception {
    long alices = claimed(alpha.as("hhalice", "claim", "gpu:3", "--for", "1h", "-m", "mine"));
    Map<String, String> viaBeta = login(beta, "hhcarol", servers.get(0));
    waitUntil(Duration.ofSeconds(10), () -> adminOn(viaBeta).contains("beta"));
    assertEquals(List.of("beta"), adminOn(viaBeta), "alpha did not vouch for this login");
    String path = "api/v1/hosts/alpha/reservations/" + alices;
    HttpResponse<String> refused = web(viaBeta, servers.get(0), "DELETE", path, null, true);
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("hhalice"), "the host's own refusal: " + refused.body());
    assertTrue(alpha.as("hhalice", "show", Long.toString(alices)).out().contains("mine"));
    Map<String, String> viaAlpha = login(alpha, "hhcarol", servers.get(0));
    assertEquals(
        List.of("alpha"), adminOn(viaAlpha), "each login is an admin's where it came from");
    HttpResponse<String> released = web(viaAlpha, servers.get(0), "DELETE", path, null, true);
    assertEquals(200, released.statusCode(), released.body());
  }

  private static List<String> adminOn(Map<String, String> session) {
    try {
      HttpResponse<String> me = web(session, servers.get(0), "GET", "api/v1/me", null, false);
      return JsonParser.parseString(me.body())
          .getAsJsonObject()
          .getAsJsonArray("admin_on")
          .asList()
          .stream()
          .map(JsonElement::getAsString)
          .toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Order(4)
  void theFleetFromATerminal() throws Exception {
    Result fleet = alpha.as("hhbob", "fleet");
    assertEquals(0, fleet.exit(), fleet.toString());
    assertTrue(fleet.out().contains("alpha") && fleet.out().contains("beta"), fleet.toString());
    Result free = alpha.as("hhbob", "fleet", "--free", "gpus=3");
    assertTrue(free.out().contains("alpha") && !free.out().contains("beta"), free.toString());
    Result bad = alpha.as("hhbob", "fleet", "--free", "lots");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("--free gpus=N"), bad.toString());
  }

  /**
   * What a host serves for the server, whatever the server sends: changes to reservations only,
   * never as root. Requests are put straight into the fleet database (as a compromised server
   * could), and announced the way the server does.
   */
  @Test
  @Order(5)
  void aHostServesOnlyReservationChangesAndNeverRootFromTheServer() throws Exception {
    String claim =
        "{\"v\":1,\"op\":\"claim\",\"args\":{\"resources\":[\"fpga0\"],\"for\":\"1h\",\"message\":\"x\"}}";
    assertTrue(
        answerTo("alpha", "hhbob", "{\"v\":1,\"op\":\"sync\",\"args\":{}}")
            .contains("not_permitted"));
    assertTrue(answerTo("alpha", "root", claim).contains("root acts on this host from a shell"));
    assertTrue(answerTo("alpha", "nosuchuser", claim).contains("has no account on this host"));
    assertTrue(answerTo("alpha", "hhbob", claim).contains("\"ok\":true"));
  }

  /** Inserts a request for {@code host} as the server would, and waits for the host's answer. */
  static String answerTo(String host, String user, String line) throws Exception {
    try (java.sql.Connection c =
        java.sql.DriverManager.getConnection(databaseUrl, Postgres.USER, "")) {
      long id;
      try (var insert =
          c.prepareStatement(
              "INSERT INTO host_requests (host, username, line, created) VALUES (?, ?, ?, ?)"
                  + " RETURNING id")) {
        insert.setString(1, host);
        insert.setString(2, user);
        insert.setString(3, line);
        insert.setLong(4, System.currentTimeMillis());
        var rs = insert.executeQuery();
        rs.next();
        id = rs.getLong(1);
      }
      try (var notify = c.prepareStatement("SELECT pg_notify('hosthog', ?)")) {
        notify.setString(1, "q " + id + " " + host);
        notify.execute();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        try (var q = c.prepareStatement("SELECT answer FROM host_requests WHERE id = ?")) {
          q.setLong(1, id);
          var rs = q.executeQuery();
          if (rs.next() && rs.getString(1) != null) {
            return rs.getString(1);
          }
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no answer to " + line);
    }
  }

  @Test
  @Order(6)
  void hostsKeepWorkingWhileTheServerIsAwayAndConvergeAfter() throws Exception {
    List<ServerProcess> before = List.copyOf(servers);
    for (ServerProcess s : before) {
      s.process().destroy();
      s.process().waitFor(20, TimeUnit.SECONDS);
    }
    servers.clear();
    claimed(alpha.as("hhalice", "claim", "gpu:3", "--for", "1h", "-m", "while away"));
    long gone = claimed(beta.as("hhbob", "claim", "fpga0", "--for", "1h", "-m", "short"));
    assertEquals(0, beta.as("hhbob", "release", Long.toString(gone)).exit());
    for (ServerProcess s : before) {
      startServer(s.port());
    }
    aliceSession = null;
    waitUntil(Duration.ofSeconds(20), () -> uuidsOnServer("alpha").equals(uuidsOrEmpty(alpha)));
    waitUntil(Duration.ofSeconds(20), () -> uuidsOnServer("beta").equals(uuidsOrEmpty(beta)));
    assertTrue(
        reservations("?host=beta&from=2000-01-01T00:00:00Z").stream()
            .anyMatch(
                r ->
                    r.get("id").getAsLong() == gone
                        && r.get("state").getAsString().equals("released")));
  }

  @Test
  @Order(7)
  void aDaemonKilledMidPushConvergesAfterItsRestart() throws Exception {
    for (int i = 0; i < 30; i++) {
      claimed(
          alpha.as(
              "hhalice",
              "claim",
              "cpu:" + (i % 2),
              "--in",
              (i + 10) + "h",
              "--for",
              "30m",
              "-m",
              "burst " + i));
    }
    alpha.process().destroyForcibly().waitFor(); // kill -9, whatever it was pushing
    alpha.start();
    waitUntil(Duration.ofSeconds(30), () -> uuidsOnServer("alpha").equals(uuidsOrEmpty(alpha)));
  }

  @Test
  @Order(8)
  void aRevokedHostIsRefusedLogsItOnceAndKeepsServing() throws Exception {
    assertEquals(0, server("revoke", "beta").exit());
    Thread.sleep(6_000); // six push intervals
    long refusals =
        beta.log().lines().filter(l -> l.contains("not enrolled or was revoked")).count();
    assertEquals(1, refusals, beta.log());
    assertEquals(0, beta.as("hhbob", "claim", "gpu:3", "--for", "1h", "-m", "still works").exit());
    Result web = beta.as("hhbob", "web");
    assertEquals(1, web.exit(), web.toString());
    assertTrue(web.err().contains("not enrolled or was revoked"), web.toString());
    Result unknown = server("revoke", "nosuch");
    assertEquals(1, unknown.exit());
  }

  private static Set<String> uuidsOrEmpty(DaemonFixture host) {
    try {
      return uuidsOnHost(host);
    } catch (Exception e) {
      return Set.of();
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.exists(file) && Files.readString(file).contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
