package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.hosthog.server.Postgres;

/**
 * The fleet with real parts, for the fleet's integration tests (one test class at a time): a
 * throw-away PostgreSQL, two state server instances from the distribution on it, two host daemons
 * from the distribution ({@code alpha} linked to instance A, {@code beta} to instance B) and real
 * users hhalice and hhbob.
 */
final class Fleet {
  private Fleet() {}

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Postgres pg;
  static Path dir;
  static Path serverConfig;
  static String databaseUrl;
  static final List<ServerProcess> servers = new ArrayList<>();
  static DaemonFixture alpha;
  static DaemonFixture beta;

  /** A {@code hosthog server} process on a port of its own. */
  record ServerProcess(int port, Process process) {
    URI url() {
      return URI.create("http://127.0.0.1:" + port + "/");
    }
  }

  /** Starts PostgreSQL, two server instances and the daemons alpha (-> A) and beta (-> B). */
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    RealUsers.ensure("hhalice");
    RealUsers.ensure("hhbob");
    RealUsers.ensure("hhdora"); // the server's admin, in no admin group of the hosts
    RealUsers.ensure("hhcarol", "hhadmins"); // the hosts' admin group, not the server's admin
    pg = Postgres.start();
    dir = Files.createTempDirectory(Path.of("/tmp"), "hh-fleet-");
    serverConfig = dir.resolve("server.toml");
    databaseUrl = pg.newDatabase();
    Files.writeString(
        serverConfig,
        "[server]\ndatabase = \"postgresql\"\nadmin_users = [\"hhdora\"]\n"
            + "[server.postgresql]\nurl = \""
            + databaseUrl
            + "\"\nuser = \""
            + Postgres.USER
            + "\"\n");
    ServerProcess a = startServer(freePort());
    ServerProcess b = startServer(freePort());
    alpha = daemon("alpha", a);
    beta = daemon("beta", b);
    waitUntil(
        Duration.ofSeconds(20), () -> hosts().size() == 2 && online("alpha") && online("beta"));
  }

  static void stop() throws Exception {
    for (DaemonFixture d : new DaemonFixture[] {alpha, beta}) {
      if (d != null) {
        d.close();
      }
    }
    servers.forEach(s -> s.process().destroyForcibly());
    servers.clear();
    if (pg != null) {
      pg.close();
    }
    aliceSession = null;
  }

  // ---- fixture ------------------------------------------------------------------------------

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static ServerProcess startServer(int port) throws Exception {
    Path config = dir.resolve("server-" + port + ".toml");
    Files.writeString(
        config,
        Files.readString(serverConfig)
            .replace("[server]\n", "[server]\nlisten = \"127.0.0.1:" + port + "\"\n"));
    Process p =
        new ProcessBuilder(DaemonFixture.BIN.toString(), "server", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("server-" + port + ".log").toFile()))
            .start();
    ServerProcess s = new ServerProcess(port, p);
    waitUntil(Duration.ofSeconds(30), () -> status(s.url().resolve("api/v1/hosts"), null) == 401);
    servers.add(s);
    return s;
  }

  static DaemonFixture daemon(String host, ServerProcess server) throws Exception {
    return daemon(host, server, "", "");
  }

  /**
   * A daemon for {@code host} linked to {@code server}, with more config ({@code toml}) and more
   * {@code [sync.fleet]} keys.
   */
  static DaemonFixture daemon(String host, ServerProcess server, String toml, String fleetKeys)
      throws Exception {
    Result enrolled = server("enroll", host);
    assertEquals(0, enrolled.exit(), enrolled.toString());
    String token = enrolled.out().strip();
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "the token alone on stdout: " + enrolled);
    assertTrue(enrolled.err().contains("token_file"), "instructions on stderr: " + enrolled.err());
    Path tokenFile = dir.resolve(host + ".token");
    Files.writeString(tokenFile, token + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    return new DaemonFixture(
            "host = \"" + host + "\"\n",
            toml
                + "[sync.fleet]\nurl = \""
                + server.url()
                + "\"\ntoken_file = \""
                + tokenFile
                + "\"\ninterval = \"1s\"\n"
                + fleetKeys)
        .start();
  }

  static Result server(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(DaemonFixture.BIN.toString(), "server"));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--config", serverConfig.toString())); // after the subcommand works too
    return DaemonFixture.exec(argv, null);
  }

  static void waitUntil(Duration limit, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  static int status(URI uri, String cookie) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri);
      if (cookie != null) {
        b.header("Cookie", cookie);
      }
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The web's view, read with a session of hhalice's (made once). */
  static Map<String, String> aliceSession;

  static JsonArray api(String path) {
    try {
      if (aliceSession == null) {
        aliceSession = login(alpha, "hhalice", servers.get(0));
      }
      HttpResponse<String> r = web(aliceSession, servers.get(0), "GET", path, null, false);
      return JsonParser.parseString(r.body()).getAsJsonArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<JsonObject> hosts() {
    return api("api/v1/hosts").asList().stream().map(JsonElement::getAsJsonObject).toList();
  }

  static boolean online(String host) {
    return hosts().stream()
        .anyMatch(h -> h.get("host").getAsString().equals(host) && h.get("online").getAsBoolean());
  }

  static List<JsonObject> reservations(String query) {
    return api("api/v1/reservations" + query).asList().stream()
        .map(JsonElement::getAsJsonObject)
        .toList();
  }

  /** Logs {@code user} in with the URL {@code hosthog web} prints on {@code host}. */
  static Map<String, String> login(DaemonFixture host, String user, ServerProcess server)
      throws Exception {
    Result web = host.as(user, "web");
    assertEquals(0, web.exit(), web.toString());
    URI link = URI.create(web.out().strip());
    HttpResponse<String> open =
        HTTP.send(
            HttpRequest.newBuilder(server.url().resolve(link.getPath())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, open.statusCode(), open.body());
    Map<String, String> cookies = new HashMap<>();
    for (String c : open.headers().allValues("Set-Cookie")) {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    cookies.put("link", link.getPath());
    return cookies;
  }

  static HttpResponse<String> web(
      Map<String, String> session,
      ServerProcess server,
      String method,
      String path,
      String body,
      boolean csrf)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .header(
                "Cookie",
                "hosthog_session="
                    + session.get("hosthog_session")
                    + "; hosthog_csrf="
                    + session.get("hosthog_csrf"))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (csrf) {
      b.header("X-CSRF-Token", session.get("hosthog_csrf"));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Set<String> uuidsOnHost(DaemonFixture host) throws Exception {
    Result r = host.as("root", "list", "--all", "--json");
    Set<String> out = new TreeSet<>();
    JsonParser.parseString(r.out())
        .getAsJsonArray()
        .forEach(e -> out.add(e.getAsJsonObject().get("uuid").getAsString()));
    return out;
  }

  static Set<String> uuidsOnServer(String host) {
    Set<String> out = new TreeSet<>();
    List<JsonObject> all = reservations("?host=" + host + "&from=2000-01-01T00:00:00Z");
    all.forEach(r -> out.add(r.get("uuid").getAsString()));
    assertEquals(all.size(), out.size(), "no reservation twice");
    return out;
  }

  static long claimed(Result r) {
    assertEquals(0, r.exit(), r.toString());
    return Long.parseLong(r.out().strip());
  }
}
