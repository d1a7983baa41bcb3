package org.hosthog.sync.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.HostEvent;
import org.hosthog.api.PluginException;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.State;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.api.support.AtomicFile;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;
import org.hosthog.wire.WireException;

/**
 * The link of one host to the state server.
 *
 * <p>A push thread sends every reservation whose last change the server has not acknowledged
 * (derived from the store, see {@link Pushed}) with its version (the length of its history), then a
 * heartbeat with the host's inventory and admins ({@link HostAdmins}); it runs on every local
 * change and at each interval. It is also the one that reports trouble, once per kind of trouble. A
 * stream thread keeps the server's request stream open once the token is known good, and serves
 * each request made on the web as the user who made it, through the daemon's own request handler. A
 * sampler thread looks at what runs on the GPUs every {@code sample_every} ({@link UsageMeter});
 * its buckets wait in a {@link UsageBuffer} and go with the next push.
 */
final class FleetSync implements FleetLink {
  private static final System.Logger LOG = System.getLogger(FleetSync.class.getName());
  private static final int BATCH = 100;
  private static final int BUCKETS_PER_PUSH = 288; // a day

  private final FleetSettings settings;
  private final Pushed pushed;
  private final ServerLink link;
  private final PluginContext context;
  private final Reservations reservations;
  private final HostAdmins admins;
  private final Codec codec = new Codec();
  private final Semaphore wake = new Semaphore(0);
  private final Object cycleLock = new Object();
  private final ExecutorService serving =
      Executors.newSingleThreadExecutor(r -> thread(r, "hosthog-fleet-serve"));
  private final Map<Long, String> answered =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > 1000;
        }
      };
  private final Thread pusher;
  private final Thread streamer;
  private final UsageMeter meter;
  private final UsageBuffer usage;
  private final Path openBucket;
  private final java.util.concurrent.ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(r -> thread(r, "hosthog-fleet-sample"));
  private final Set<String> toldRefused = new java.util.HashSet<>();
  private volatile boolean running = true;
  private volatile boolean tokenGood;
  private volatile Optional<Instant> lastSuccess = Optional.empty();
  private volatile int pending;
  private volatile Optional<String> problem = Optional.empty();

  private FleetSync(FleetSettings settings, Pushed pushed, ServerLink link, PluginContext context) {
    this.settings = settings;
    this.meter = new UsageMeter(settings.sampleEvery());
    int capacity =
        (int) Math.max(1, settings.usageBuffer().toMillis() / UsageMeter.BUCKET.toMillis());
    this.usage = UsageBuffer.load(context.stateDir().resolve("usage-pending.jsonl"), capacity);
    this.openBucket = context.stateDir().resolve("usage-open.json");
    this.pushed = pushed;
    this.link = link;
    this.context = context;
    this.reservations = context.reservations();
    this.admins = new HostAdmins(context.adminGroups(), context.clock());
    this.pusher = thread(this::pushLoop, "hosthog-fleet-push");
    this.streamer = thread(this::streamLoop, "hosthog-fleet-stream");
  }

  static FleetSync start(
      FleetSettings settings, Pushed pushed, ServerLink link, PluginContext context) {
    FleetSync s = new FleetSync(settings, pushed, link, context);
    s.meter.resume(readQuietly(s.openBucket), context.clock().instant());
    s.pusher.start();
    s.streamer.start();
    long every = settings.sampleEvery().toMillis();
    s.sampler.scheduleAtFixedRate(s::sampleSafely, every, every, TimeUnit.MILLISECONDS);
    return s;
  }

  // ---- sampling -----------------------------------------------------------------------------

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "sampling the GPUs' usage failed: " + e);
    }
  }

  /** Looks at the host once; the buckets go to the buffer, and the open one to its file. */
  void sample() {
    Instant now = context.clock().instant();
    List<Reservation> active =
        reservations.list(ReservationQuery.overlapping(now, now.plusMillis(1))).stream()
            .filter(r -> r.state(now) == State.ACTIVE)
            .toList();
    List<Integer> gpus =
        reservations.inventory().gpus().stream().map(org.hosthog.api.Gpu::index).toList();
    meter.sample(now, context.activity(), active, gpus, loadAverage()).ifPresent(usage::put);
    meter
        .open()
        .ifPresent(
            b -> {
              usage.put(b);
              try {
                AtomicFile.replace(openBucket, b, "rw-------", false);
              } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot write " + openBucket + ": " + e);
              }
            });
  }

  /** The one-minute load average; 0 where {@code /proc/loadavg} cannot be read. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(
          java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Optional<String> readQuietly(Path file) {
    try {
      return Optional.of(java.nio.file.Files.readString(file));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  // ---- pushing ------------------------------------------------------------------------------

  @Override
  public void onEvent(HostEvent event) {
    if (event instanceof HostEvent.ByActor) {
      wake.release();
    }
  }

  private void pushLoop() {
    while (running) {
      cycle();
      try {
        wake.tryAcquire(settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Pushes what is pending, then a heartbeat; records the outcome. */
  private SyncStatus cycle() {
    synchronized (cycleLock) {
      try {
        List<Reservation> todo =
            reservations.list(ReservationQuery.history()).stream()
                .filter(r -> !pushed.isPushed(r.uuid(), r.updated().toEpochMilli()))
                .toList();
        pending = todo.size();
        for (int i = 0; i < todo.size(); i += BATCH) {
          push(todo.subList(i, Math.min(todo.size(), i + BATCH)));
          pending = Math.max(0, todo.size() - i - BATCH);
        }
        if (todo.isEmpty()) {
          push(List.of()); // the heartbeat
        }
        while (usage.size() > 0 && push(List.of()) > 0) {
          // usage left over after a long absence of the server: a day's buckets per push
        }
        succeeded();
      } catch (ServerLink.Failure f) {
        failed(f);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "pushing to the state server failed", e);
        failed(new ServerLink.Failure(0, "pushing failed: " + e));
      }
      return status();
    }
  }

  /** Pushes {@code batch} and the oldest waiting usage; how many usage buckets the server took. */
  private int push(List<Reservation> batch) throws ServerLink.Failure {
    Instant now = context.clock().instant();
    JsonObject body = new JsonObject();
    body.add("inventory", JsonParser.parseString(codec.compact(reservations.inventory())));
    JsonArray adminUsers = new JsonArray();
    admins.users().forEach(adminUsers::add);
    body.add("admins", adminUsers);
    JsonArray list = new JsonArray();
    Map<UUID, Long> sent = new HashMap<>();
    for (Reservation r : batch) {
      ReservationView view =
          ReservationView.of(r, now, context.zone())
              .withHistory(reservations.history(r.id()), context.zone());
      JsonObject item = new JsonObject();
      item.addProperty("version", Math.max(1, view.history().map(List::size).orElse(1)));
      item.add("reservation", JsonParser.parseString(codec.compact(view)));
      list.add(item);
      sent.put(r.uuid(), r.updated().toEpochMilli());
    }
    body.add("reservations", list);
    List<String> buckets = usage.oldest(BUCKETS_PER_PUSH);
    JsonArray usageList = new JsonArray();
    buckets.forEach(b -> usageList.add(JsonParser.parseString(b)));
    body.add("usage", usageList);
    JsonObject answer =
        JsonParser.parseString(link.post("link/push", body.toString())).getAsJsonObject();
    Map<UUID, Long> acknowledged = new HashMap<>();
    for (String key : List.of("stored", "stale")) { // stale: the server has it, or newer
      for (JsonElement u : answer.getAsJsonArray(key)) {
        UUID uuid = UUID.fromString(u.getAsString());
        if (sent.containsKey(uuid)) {
          acknowledged.put(uuid, sent.get(uuid));
        }
      }
    }
    pushed.acknowledge(acknowledged);
    return acknowledgeUsage(buckets, answer);
  }

  /** Forgets the buckets the server stored or refused for good; a refusal is logged once. */
  private int acknowledgeUsage(List<String> buckets, JsonObject answer) {
    Map<String, String> sentByStart = new HashMap<>();
    for (String b : buckets) {
      sentByStart.put(JsonParser.parseString(b).getAsJsonObject().get("start").getAsString(), b);
    }
    Map<String, String> done = new HashMap<>();
    if (answer.has("usage_stored")) {
      for (JsonElement s : answer.getAsJsonArray("usage_stored")) {
        Optional.ofNullable(sentByStart.get(s.getAsString()))
            .ifPresent(b -> done.put(s.getAsString(), b));
      }
    }
    if (answer.has("usage_refused")) {
      for (JsonElement r : answer.getAsJsonArray("usage_refused")) {
        String start = r.getAsJsonObject().get("start").getAsString();
        String why = r.getAsJsonObject().get("why").getAsString();
        Optional.ofNullable(sentByStart.get(start)).ifPresent(b -> done.put(start, b));
        if (toldRefused.add(why)) {
          LOG.log(
              System.Logger.Level.WARNING,
              "the state server refused usage samples from " + start + ": " + why);
        }
      }
    }
    usage.acknowledge(done);
    return done.size();
  }

  private void succeeded() {
    lastSuccess = Optional.of(context.clock().instant());
    if (problem.isPresent()) {
      LOG.log(
          System.Logger.Level.INFO, "the link to the state server " + link.base() + " works again");
    }
    problem = Optional.empty();
    tokenGood = true;
  }

  /** Logs a problem once, not on every retry; a different problem is logged again. */
  private void failed(ServerLink.Failure f) {
    if (f.unauthorized()) {
      tokenGood = false;
    }
    String message =
        f.getMessage()
            + (f.unauthorized()
                ? "; this host keeps working on its own and retries every "
                    + settings.interval().toSeconds()
                    + " s"
                : "; local changes wait and are pushed when it is back");
    if (!problem.equals(Optional.of(message))) {
      LOG.log(System.Logger.Level.WARNING, message);
    }
    problem = Optional.of(message);
  }

  // ---- requests made on the web -------------------------------------------------------------

  private void streamLoop() {
    long backoff = 1000;
    while (running) {
      try {
        if (!tokenGood) { // the push loop finds out and reports; no second report from here
          Thread.sleep(500);
          continue;
        }
        link.stream("link/requests", data -> serving.execute(() -> serve(data)));
        backoff = 1000;
      } catch (ServerLink.Failure f) {
        LOG.log(System.Logger.Level.DEBUG, "request stream: " + f.getMessage());
        if (f.unauthorized()) {
          tokenGood = false;
        }
        backoff = Math.min(backoff * 2, settings.interval().toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) { // closing while a request arrives
        if (!running) {
          return;
        }
        LOG.log(System.Logger.Level.WARNING, "the request stream failed", e);
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Serves one request (at most once per id) and sends the answer back. */
  private void serve(String data) {
    long id;
    String answer;
    try {
      JsonObject o = JsonParser.parseString(data).getAsJsonObject();
      id = o.get("id").getAsLong();
      String user = o.get("user").getAsString();
      String line = o.get("line").getAsString();
      boolean admin = settings.serverAdmins() && o.has("admin") && o.get("admin").getAsBoolean();
      synchronized (answered) {
        answer = answered.get(id);
      }
      if (answer == null) {
        answer = relayable(line) ? context.serveAs(user, "web", admin, line) : notRelayed(line);
        synchronized (answered) {
          answered.put(id, answer);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "a request from the state server was not understood: " + e);
      return;
    }
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        link.post("link/answers/" + id, answer);
        return;
      } catch (ServerLink.Failure f) {
        if (f.status == 404) {
          return; // answered already, or timed out on the server
        }
        sleepQuietly(500L * attempt);
      }
    }
  }

  /**
   * Only changes to reservations come from the web; the server has no business asking for login
   * links, syncs or plugin lists on a user's behalf.
   */
  private boolean relayable(String line) {
    try {
      Request<?> r = codec.decodeRequest(line);
      return r instanceof Request.Claim
          || r instanceof Request.Extend
          || r instanceof Request.Edit
          || r instanceof Request.Release;
    } catch (WireException e) {
      return true; // the daemon's handler answers garbage with the right error
    }
  }

  private String notRelayed(String line) {
    return codec.encodeFailure(
        new Response.Failure<>(
            ErrorCode.NOT_PERMITTED,
            "this host takes only claims, extensions, edits and releases from the state server"));
  }

  // ---- FleetLink ----------------------------------------------------------------------------

  @Override
  public URI loginUrl(String user) {
    try {
      JsonObject body = new JsonObject();
      body.addProperty("user", user);
      String answer = link.post("link/login", body.toString());
      return URI.create(JsonParser.parseString(answer).getAsJsonObject().get("url").getAsString());
    } catch (ServerLink.Failure f) {
      throw new PluginException(f.getMessage());
    }
  }

  @Override
  public List<FleetHost> hosts() {
    try {
      return codec.decodeFleetHosts(link.get("hosts"));
    } catch (ServerLink.Failure f) {
      throw new PluginException(f.getMessage());
    }
  }

  @Override
  public List<org.hosthog.api.spi.FleetUsage> usage(String groupBy, String period) {
    try {
      return codec.decodeFleetUsage(
          groupBy, link.get("usage?group_by=" + groupBy + "&period=" + period));
    } catch (ServerLink.Failure f) {
      throw new PluginException(f.getMessage());
    } catch (org.hosthog.api.HosthogException e) {
      throw new PluginException(
          "the state server at "
              + link.base()
              + " answered usage in a shape this host does not"
              + " know ("
              + e.getMessage()
              + "); is it a hosthog server of the same version?");
    }
  }

  // ---- CalendarSync -------------------------------------------------------------------------

  @Override
  public SyncStatus syncNow() {
    return cycle();
  }

  @Override
  public SyncStatus status() {
    return new SyncStatus(lastSuccess, pending, problem.map(List::of).orElse(List.of()));
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    pusher.interrupt();
    streamer.interrupt();
    sampler.shutdownNow();
    serving.shutdownNow();
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
