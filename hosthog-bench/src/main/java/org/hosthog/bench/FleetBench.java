package org.hosthog.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hosthog.api.Claim;
import org.hosthog.api.Resource;
import org.hosthog.wire.Codec;
import org.hosthog.wire.Granted;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;
import org.hosthog.wire.WebLogin;

/**
 * The state server under load (not a test; {@code bench/fleet-benchmark.sh} starts the server,
 * daemons and databases).
 *
 * <p>{@code FleetBench push URL TOKEN HOST N BATCH}: pushes N reservation changes in requests of
 * BATCH, as a host's link does; prints changes per second. {@code FleetBench visible SOCKET URL N}:
 * logs in through the daemon ({@code hosthog web}), subscribes to the server's event stream, makes
 * N lone claims on the host's socket and prints p50/p99 of claim sent → its event on the stream.
 */
public final class FleetBench {
  private static final Codec CODEC = new Codec();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args[0].equals("push")) {
      push(
          out,
          URI.create(args[1]),
          args[2],
          args[3],
          Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
    } else {
      visible(out, Path.of(args[1]), URI.create(args[2]), Integer.parseInt(args[3]));
    }
  }

  private static void push(PrintStream out, URI base, String token, String host, int n, int batch)
      throws Exception {
    List<UUID> uuids = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      uuids.add(UUID.randomUUID());
    }
    long t0 = System.nanoTime();
    for (int done = 0; done < n; done += batch) {
      StringBuilder body = new StringBuilder("{\"reservations\": [");
      for (int i = done; i < Math.min(n, done + batch); i++) {
        if (i > done) {
          body.append(',');
        }
        body.append("{\"version\": ")
            .append(i / uuids.size() + 1)
            .append(", \"reservation\": ")
            .append(reservation(host, i % uuids.size() + 1, uuids.get(i % uuids.size())))
            .append('}');
      }
      body.append("]}");
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("api/v1/link/push"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.statusCode() + " " + r.body());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf("push, %d changes in requests of %d: %.0f changes/s%n", n, batch, n / seconds);
  }

  private static String reservation(String host, long id, UUID uuid) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return CODEC.compact(
        new ReservationView(
            id,
            uuid,
            host,
            "bench",
            List.of(Claim.of(Resource.parse("gpu:" + id % 8))),
            start.atOffset(ZoneOffset.UTC),
            start.plusSeconds(3600).atOffset(ZoneOffset.UTC),
            "benchmark change",
            "active",
            start.atOffset(ZoneOffset.UTC),
            start.atOffset(ZoneOffset.UTC),
            "bench",
            Optional.empty(),
            Optional.empty()));
  }

  private static void visible(PrintStream out, Path socket, URI base, int n) throws Exception {
    try (HosthogClient c = HosthogClient.connect(List.of(socket), Duration.ofSeconds(30))) {
      WebLogin login = ((Response.Ok<WebLogin>) c.call(new Request.Web())).result();
      HttpResponse<Void> open =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve(login.url().getPath())).build(),
              HttpResponse.BodyHandlers.discarding());
      String cookie =
          open.headers().allValues("Set-Cookie").stream()
              .filter(v -> v.startsWith("hosthog_session="))
              .findFirst()
              .orElseThrow()
              .split(";")[0];
      ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
      CountDownLatch subscribed = new CountDownLatch(1);
      HttpResponse<Stream<String>> events =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("api/v1/events"))
                  .header("Cookie", cookie)
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      Thread reader =
          new Thread(
              () -> {
                subscribed.countDown();
                events
                    .body()
                    .filter(l -> l.startsWith("data:"))
                    .forEach(
                        l -> {
                          JsonObject o = JsonParser.parseString(l.substring(5)).getAsJsonObject();
                          seen.putIfAbsent(o.get("uuid").getAsString(), System.nanoTime());
                        });
              });
      reader.setDaemon(true);
      reader.start();
      subscribed.await();
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        Response<Granted> r =
            c.call(
                new Request.Claim(
                    List.of("gpu:" + i % 8),
                    Optional.empty(),
                    Optional.of("+" + (i + 1) + "h"),
                    Optional.empty(),
                    Optional.of("30m"),
                    Optional.empty(),
                    "bench " + i,
                    false));
        String uuid = ((Response.Ok<Granted>) r).result().reservation().uuid().toString();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (!seen.containsKey(uuid)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("claim " + uuid + " never reached the stream");
          }
          Thread.sleep(0, 200_000);
        }
        micros.add((seen.get(uuid) - t0) / 1_000);
        Thread.sleep(200);
      }
      micros.sort(null);
      out.printf(
          "claim on the host -> event on a subscribed web stream, %d claims: p50 %.1f ms, p99 %.1f ms%n",
          n, micros.get(n / 2) / 1000.0, micros.get(Math.min(n - 1, n * 99 / 100)) / 1000.0);
    }
  }
}
