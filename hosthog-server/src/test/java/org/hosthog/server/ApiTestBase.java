package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.hosthog.api.Claim;
import org.hosthog.api.Resource;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ReservationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real server on a real database, and helpers to talk to it as hosts and as browsers. */
abstract class ApiTestBase {
  static final Codec CODEC = new Codec();
  final HttpClient http = HttpClient.newHttpClient();
  final TestClock clock = new TestClock();
  ServerConfig config;
  FleetDb db;
  StateServer server;
  URI base;
  String alphaToken;
  String betaToken;

  abstract ServerConfig freshConfig() throws Exception;

  @BeforeEach
  void start() throws Exception {
    config = freshConfig();
    server = StateServer.start(config, clock, java.time.Duration.ofMillis(200));
    base = server.url();
    db = FleetDb.open(config);
    alphaToken = enroll("alpha");
    betaToken = enroll("beta");
  }

  @AfterEach
  void stop() {
    server.close();
    db.close();
  }

  String enroll(String host) {
    String token = Secrets.newToken();
    db.hosts().enroll(host, Secrets.hash(token), clock.instant());
    return token;
  }

  // ---- helpers ------------------------------------------------------------------------------

  HttpResponse<String> call(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpRequest request = b.build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      // The JDK client may reuse a kept-alive connection the server has just closed (Jetty closes
      // one whose request body a refusal left unread) and then hears nothing: it got no byte of an
      // answer, so the request was not served; browsers send such a request again, and so do we.
      if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  HttpResponse<String> asHost(String token, String method, String path, String body)
      throws Exception {
    return call(method, path, body, "Authorization", "Bearer " + token);
  }

  static String reservation(String host, long id, UUID uuid, String owner, String message) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    return CODEC.compact(
        new ReservationView(
            id,
            uuid,
            host,
            owner,
            List.of(Claim.of(Resource.parse("gpu:0"))),
            start.atOffset(ZoneOffset.UTC),
            start.plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC),
            message,
            "active",
            start.atOffset(ZoneOffset.UTC),
            start.atOffset(ZoneOffset.UTC),
            owner,
            Optional.empty(),
            Optional.empty()));
  }

  static String push(long version, String reservationJson) {
    return "{\"inventory\": {\"cpus\": 8, \"gpus\": [{\"index\": 0, \"name\": \"A100\", \"uuid\":"
        + " \"GPU-0\", \"memory_mib\": 40000}, {\"index\": 1, \"name\": \"A100\", \"uuid\":"
        + " \"GPU-1\", \"memory_mib\": 40000}], \"extra\": [], \"claimable\": []},"
        + " \"reservations\": [{\"version\": "
        + version
        + ", \"reservation\": "
        + reservationJson
        + "}]}";
  }

  static String error(HttpResponse<String> r) {
    return JsonParser.parseString(r.body())
        .getAsJsonObject()
        .getAsJsonObject("error")
        .get("message")
        .getAsString();
  }

  /** Logs {@code user} in through a login link, as a browser would: the cookies. */
  Map<String, String> login(String user) throws Exception {
    return login(alphaToken, user);
  }

  /** Logs {@code user} in with a link the host of {@code hostToken} minted. */
  Map<String, String> login(String hostToken, String user) throws Exception {
    HttpResponse<String> link =
        asHost(hostToken, "POST", "api/v1/link/login", "{\"user\": \"" + user + "\"}");
    assertEquals(200, link.statusCode(), link.body());
    String url = JsonParser.parseString(link.body()).getAsJsonObject().get("url").getAsString();
    HttpResponse<String> open =
        http.send(
            HttpRequest.newBuilder(base.resolve(URI.create(url).getPath())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, open.statusCode(), open.body());
    Map<String, String> cookies = new java.util.HashMap<>();
    for (String c : open.headers().allValues("Set-Cookie")) {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    cookies.put("url", URI.create(url).getPath());
    return cookies;
  }

  HttpResponse<String> asWeb(
      Map<String, String> session, String method, String path, String body, String csrf)
      throws Exception {
    return call(
        method,
        path,
        body,
        "Cookie",
        "hosthog_session="
            + session.get("hosthog_session")
            + "; hosthog_csrf="
            + session.get("hosthog_csrf"),
        "X-CSRF-Token",
        csrf);
  }

  /** Opens {@code token}'s request stream; each request's data goes to {@code into}. */
  Thread stream(String token, BlockingQueue<String> into) throws Exception {
    HttpResponse<Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("api/v1/link/requests"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    Thread t =
        new Thread(
            () ->
                r.body()
                    .filter(l -> l.startsWith("data:"))
                    .forEach(l -> into.add(l.substring(5).strip())));
    t.setDaemon(true);
    t.start();
    return t;
  }

  java.util.concurrent.CompletableFuture<HttpResponse<String>> answerLater(
      Map<String, String> session, String method, String path, String body) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return asWeb(session, method, path, body, session.get("hosthog_csrf"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
