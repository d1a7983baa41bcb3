package org.hosthog.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The state server as an attacker meets it (not a test): (1) the size of {@code /metrics} before
 * and after 10,000 anonymous requests to random paths with random methods; (2) the p50/p99 of
 * another user's {@code GET /api/v1/hosts} alone and during a flood of 300 web changes (30 users ×
 * 10) at a host that looks online and never answers.
 *
 * <p>Usage: {@code HardeningBench BASE_URL DEAD_HOST_TOKEN DEAD_HOST}
 */
public final class HardeningBench {
  private HardeningBench() {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String token = args[1];
    String dead = args[2];
    post(base.resolve("api/v1/link/push"), "{}", Map.of("Authorization", "Bearer " + token));
    metrics(base);
    flood(base, token, dead);
  }

  private static void metrics(URI base) throws Exception {
    int before = get(base.resolve("metrics"), Map.of()).body().length();
    Random random = new Random(28);
    List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PROPFIND", "TRACE");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String segment = Long.toHexString(random.nextLong());
      String method = i % 7 == 0 ? "X" + segment : methods.get(i % methods.size());
      String path = (i % 2 == 0 ? "api/v1/link/" : "") + segment + "/" + i;
      all.add(
          pool.submit(
              () ->
                  HTTP.send(
                      HttpRequest.newBuilder(base.resolve(path))
                          .method(method, HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.discarding())));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    int after = get(base.resolve("metrics"), Map.of()).body().length();
    System.out.printf(
        "/metrics: %d bytes before, %d bytes after 10,000 random requests (%.2fx)%n",
        before, after, after / (double) before);
  }

  private static void flood(URI base, String token, String dead) throws Exception {
    Map<String, String> bob = login(base, token, "bob");
    List<Map<String, String>> users = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      users.add(login(base, token, "flood" + i));
    }
    List<Double> alone = hostsTimes(base, bob, 200);
    ExecutorService pool = Executors.newFixedThreadPool(300);
    List<Future<Integer>> flood = new ArrayList<>();
    String claim = "{\"resources\": [\"gpu:0\"], \"for\": \"1h\", \"message\": \"flood\"}";
    for (int i = 0; i < 300; i++) {
      Map<String, String> u = users.get(i % users.size());
      flood.add(
          pool.submit(
              () ->
                  HTTP.send(
                          HttpRequest.newBuilder(
                                  base.resolve("api/v1/hosts/" + dead + "/reservations"))
                              .POST(HttpRequest.BodyPublishers.ofString(claim))
                              .header("Cookie", u.get("cookie"))
                              .header("X-CSRF-Token", u.get("csrf"))
                              .header("Content-Type", "application/json")
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode()));
    }
    Thread.sleep(500);
    List<Double> during = hostsTimes(base, bob, 200);
    int waited = 0;
    int refused = 0;
    for (Future<Integer> f : flood) {
      int status = f.get(60, TimeUnit.SECONDS);
      waited += status == 504 ? 1 : 0;
      refused += status == 503 ? 1 : 0;
    }
    pool.shutdown();
    System.out.printf(
        "another user's GET /api/v1/hosts: alone p50 %.1f ms, p99 %.1f ms; during a flood of 300"
            + " changes at a dead host p50 %.1f ms, p99 %.1f ms (%d waited for the host, %d"
            + " refused at once)%n",
        pct(alone, 50), pct(alone, 99), pct(during, 50), pct(during, 99), waited, refused);
  }

  private static List<Double> hostsTimes(URI base, Map<String, String> user, int n)
      throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r =
          get(base.resolve("api/v1/hosts"), Map.of("Cookie", user.get("cookie")));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET /api/v1/hosts: " + r.statusCode() + " " + r.body());
      }
      ms.add((System.nanoTime() - t) / 1e6);
      Thread.sleep(10);
    }
    return ms;
  }

  /** A session for {@code user} through a login link the (dead) host mints. */
  private static Map<String, String> login(URI base, String token, String user) throws Exception {
    String link =
        post(
                base.resolve("api/v1/link/login"),
                "{\"user\": \"" + user + "\"}",
                Map.of("Authorization", "Bearer " + token))
            .body();
    String url = link.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> open = get(base.resolve(URI.create(url).getPath()), Map.of());
    String session = "";
    String csrf = "";
    for (String c : open.headers().allValues("Set-Cookie")) {
      String pair = c.split(";")[0];
      if (pair.startsWith("hosthog_session=")) {
        session = pair;
      } else if (pair.startsWith("hosthog_csrf=")) {
        csrf = pair.substring("hosthog_csrf=".length());
      }
    }
    return Map.of("cookie", session + "; hosthog_csrf=" + csrf, "csrf", csrf);
  }

  private static HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(URI uri, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double pct(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
  }
}
