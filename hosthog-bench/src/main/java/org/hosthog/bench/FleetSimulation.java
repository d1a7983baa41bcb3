package org.hosthog.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many simulated host daemons against the state server, speaking the real link protocol over real
 * HTTP (not a test; {@code bench/fleet-simulation.sh} starts PostgreSQL and the servers, and
 * enrolls hosts {@code sim-0..} with tokens {@code token-0..}).
 *
 * <p>Each host keeps its request stream open, heartbeats every 30 s (the daemon's default), samples
 * its 8 GPUs every minute into a five-minute bucket that goes with the next push (as the daemon
 * does), and pushes a reservation change every {@code CHANGE_EVERY} seconds. Web clients subscribe
 * to the event stream; each change's time from push to arrival on every subscriber is recorded.
 *
 * <p>{@code FleetSimulation HOSTS SECONDS WARMUP CHANGE_EVERY WEB_CLIENTS SERVER_PIDS PG_PID
 * URL...} prints one result line: changes, server and PostgreSQL CPU-seconds per 1,000 changes
 * (from {@code /proc}, measured after the warm-up), change → visible p50/p99.
 */
public final class FleetSimulation {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);
  private static final Duration SAMPLE = Duration.ofMinutes(1);
  private static final String INVENTORY =
      "{\"cpus\": 64, \"gpus\": ["
          + String.join(
              ", ",
              java.util.stream.IntStream.range(0, 8)
                  .mapToObj(
                      g ->
                          "{\"index\": "
                              + g
                              + ", \"name\": \"A100\", \"uuid\": \"GPU-"
                              + g
                              + "\", \"memory_mib\": 40960}")
                  .toList())
          + "], \"extra\": [], \"claimable\": []}";

  private final List<URI> servers;
  private final Map<String, Long> sent = new ConcurrentHashMap<>(); // message -> push started
  private final ConcurrentLinkedQueue<Long> visibleMicros = new ConcurrentLinkedQueue<>();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong pushes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean measuring;

  private FleetSimulation(List<URI> servers) {
    this.servers = servers;
  }

  public static void main(String[] args) throws Exception {
    int hosts = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int changeEvery = Integer.parseInt(args[3]);
    int webClients = Integer.parseInt(args[4]);
    List<Long> serverPids =
        java.util.Arrays.stream(args[5].split(",")).map(Long::parseLong).toList();
    long pgPid = Long.parseLong(args[6]);
    List<URI> urls = new ArrayList<>();
    for (int i = 7; i < args.length; i++) {
      urls.add(URI.create(args[i]));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new FleetSimulation(urls)
        .run(out, hosts, seconds, warmup, changeEvery, webClients, serverPids, pgPid);
    System.exit(0); // the open streams' threads
  }

  private void run(
      PrintStream out,
      int hosts,
      int seconds,
      int warmup,
      int changeEvery,
      int webClients,
      List<Long> serverPids,
      long pgPid)
      throws Exception {
    String cookie = login(servers.get(0), "token-0");
    for (int w = 0; w < webClients; w++) {
      subscribe(servers.get(w % servers.size()), cookie);
    }
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
    Random random = new Random(1);
    for (int i = 0; i < hosts; i++) {
      Host h = new Host(i, servers.get(i % servers.size()));
      h.requestStream();
      clock.scheduleAtFixedRate(
          h::heartbeat, random.nextInt(30_000), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
      clock.scheduleAtFixedRate(
          h::sample, random.nextInt(60_000), SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
      clock.scheduleAtFixedRate(
          h::change,
          random.nextInt(changeEvery * 1000),
          changeEvery * 1000L,
          TimeUnit.MILLISECONDS);
    }
    Thread.sleep(warmup * 1000L);
    double serverCpu0 = cpuSeconds(serverPids);
    double pgCpu0 = pgCpuSeconds(pgPid);
    long changes0 = changes.get();
    long pushes0 = pushes.get();
    measuring = true;
    Thread.sleep(seconds * 1000L);
    measuring = false;
    double serverCpu = cpuSeconds(serverPids) - serverCpu0;
    double pgCpu = pgCpuSeconds(pgPid) - pgCpu0;
    long n = changes.get() - changes0;
    List<Long> lat = new ArrayList<>(visibleMicros);
    lat.sort(null);
    out.printf(
        java.util.Locale.ROOT,
        "hosts=%d instances=%d changes=%d pushes=%d failures=%d server_cpu_s=%.1f pg_cpu_s=%.1f"
            + " server_cpu_per_1000_changes=%.1f pg_cpu_per_1000_changes=%.1f"
            + " visible_samples=%d visible_p50_ms=%.1f visible_p99_ms=%.1f%n",
        hosts,
        servers.size(),
        n,
        pushes.get() - pushes0,
        failures.get(),
        serverCpu,
        pgCpu,
        serverCpu / n * 1000,
        pgCpu / n * 1000,
        lat.size(),
        lat.isEmpty() ? 0 : lat.get(lat.size() / 2) / 1000.0,
        lat.isEmpty() ? 0 : lat.get(Math.min(lat.size() - 1, lat.size() * 99 / 100)) / 1000.0);
    clock.shutdownNow();
  }

  // ---- one simulated host ---------------------------------------------------------------------

  private final class Host {
    private final String name;
    private final String token;
    private final URI server;
    private final List<UUID> uuids = new ArrayList<>();
    private final Random random;
    private long version;
    private Instant bucket;
    private final long[][] used = new long[8][1]; // ms per GPU in the open bucket
    private long sampled;

    Host(int i, URI server) {
      this.name = "sim-" + i;
      this.token = "token-" + i;
      this.server = server;
      this.random = new Random(i);
      for (int u = 0; u < 20; u++) {
        uuids.add(UUID.nameUUIDFromBytes((name + "/" + u).getBytes(StandardCharsets.UTF_8)));
      }
    }

    void requestStream() {
      HTTP.sendAsync(
          HttpRequest.newBuilder(server.resolve("api/v1/link/requests"))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "text/event-stream")
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }

    synchronized void sample() {
      Instant now = Instant.now();
      Instant start = Instant.ofEpochMilli(now.toEpochMilli() / 300_000 * 300_000);
      if (!start.equals(bucket)) {
        bucket = start;
        sampled = 0;
        for (long[] g : used) {
          g[0] = 0;
        }
      }
      sampled = Math.min(300_000, sampled + 60_000);
      for (int g = 0; g < 8; g++) {
        if (random.nextInt(4) != 0) { // three in four GPUs are busy
          used[g][0] = Math.min(sampled, used[g][0] + 60_000);
        }
      }
    }

    void heartbeat() {
      push(null);
    }

    void change() {
      long v;
      synchronized (this) {
        v = ++version;
      }
      UUID uuid = uuids.get((int) (v % uuids.size()));
      push(reservation(uuid, v));
    }

    private String reservation(UUID uuid, long v) {
      Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      String message = name + " change " + v;
      return "{\"version\": "
          + v
          + ", \"reservation\": {\"id\": "
          + (v % 20 + 1)
          + ", \"uuid\": \""
          + uuid
          + "\", \"host\": \""
          + name
          + "\", \"owner\": \"user"
          + (v % 7)
          + "\", \"claims\": [{\"resource\": \"gpu:"
          + (v % 8)
          + "\", \"mode\": \"exclusive\"}], \"start\": \""
          + start
          + "\", \"end\": \""
          + start.plusSeconds(3600)
          + "\", \"message\": \""
          + message
          + "\", \"state\": \"active\", \"created\": \""
          + start
          + "\", \"updated\": \""
          + start
          + "\", \"updated_by\": \"user"
          + (v % 7)
          + "\"}}";
    }

    private synchronized String usage() {
      if (bucket == null) {
        return "[]";
      }
      JsonObject b = new JsonObject();
      b.addProperty("start", bucket.toString());
      b.addProperty("sampled_ms", sampled);
      b.addProperty("load", 12.5);
      JsonArray rows = new JsonArray();
      for (int g = 0; g < 8; g++) {
        JsonObject r = new JsonObject();
        r.addProperty("gpu", g);
        r.addProperty("user", "user" + g % 7);
        r.addProperty("used_ms", used[g][0]);
        r.addProperty("idle_ms", Math.max(0, sampled - used[g][0]));
        r.addProperty("unclaimed_ms", 0);
        rows.add(r);
      }
      b.add("gpus", rows);
      return "[" + b + "]";
    }

    private void push(String reservation) {
      String body =
          "{\"inventory\": "
              + INVENTORY
              + ", \"admins\": [], \"reservations\": ["
              + (reservation == null ? "" : reservation)
              + "], \"usage\": "
              + usage()
              + "}";
      if (reservation != null && measuring) {
        String message =
            JsonParser.parseString(reservation)
                .getAsJsonObject()
                .getAsJsonObject("reservation")
                .get("message")
                .getAsString();
        sent.put(message, System.nanoTime());
      }
      HTTP.sendAsync(
              HttpRequest.newBuilder(server.resolve("api/v1/link/push"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (r, e) -> {
                if (e != null || r.statusCode() != 200) {
                  failures.incrementAndGet();
                  return;
                }
                pushes.incrementAndGet();
                if (reservation != null) {
                  changes.incrementAndGet();
                }
              });
    }
  }

  // ---- web clients ------------------------------------------------------------------------------

  /** A session cookie: a login link asked for with a host's token, then opened. */
  private static String login(URI server, String token) throws Exception {
    HttpResponse<String> link =
        HTTP.send(
            HttpRequest.newBuilder(server.resolve("api/v1/link/login"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"bench\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI url =
        URI.create(JsonParser.parseString(link.body()).getAsJsonObject().get("url").getAsString());
    HttpResponse<Void> open =
        HTTP.send(
            HttpRequest.newBuilder(server.resolve(url.getPath())).build(),
            HttpResponse.BodyHandlers.discarding());
    return open.headers().allValues("Set-Cookie").stream()
        .filter(v -> v.startsWith("hosthog_session="))
        .findFirst()
        .orElseThrow()
        .split(";")[0];
  }

  private void subscribe(URI server, String cookie) {
    HTTP.sendAsync(
        HttpRequest.newBuilder(server.resolve("api/v1/events")).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.fromLineSubscriber(
            new Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String line) {
                if (!line.startsWith("data:") || !measuring) {
                  return;
                }
                long now = System.nanoTime();
                try {
                  JsonObject o = JsonParser.parseString(line.substring(5)).getAsJsonObject();
                  Long t0 = o.has("message") ? sent.get(o.get("message").getAsString()) : null;
                  if (t0 != null) {
                    visibleMicros.add((now - t0) / 1000);
                  }
                } catch (RuntimeException e) {
                  // a keep-alive or another kind of event
                }
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onComplete() {}
            }));
  }

  // ---- CPU time from /proc
  // ------------------------------------------------------------------------

  private static final double TICK = 100.0; // USER_HZ on Linux

  private static double cpuSeconds(List<Long> pids) throws IOException {
    double s = 0;
    for (long pid : pids) {
      s += stat(pid, false);
    }
    return s;
  }

  /** The postmaster's own and its reaped children's time, and each live backend's. */
  private static double pgCpuSeconds(long postmaster) throws IOException {
    double s = stat(postmaster, true);
    Path children = Path.of("/proc/" + postmaster + "/task/" + postmaster + "/children");
    for (String c : Files.readString(children).trim().split("\\s+")) {
      if (!c.isEmpty()) {
        try {
          s += stat(Long.parseLong(c), false);
        } catch (IOException gone) {
          // ended meanwhile: its time is in the postmaster's children's time next time
        }
      }
    }
    return s;
  }

  private static double stat(long pid, boolean withChildren) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    if (withChildren) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime
    }
    return ticks / TICK;
  }
}
