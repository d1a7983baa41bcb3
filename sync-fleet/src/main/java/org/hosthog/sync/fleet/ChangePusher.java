package org.hosthog.sync.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.WireException;
import org.hosthog.wire.link.Push;
import org.hosthog.wire.link.PushAnswer;
import org.hosthog.wire.link.PushItem;
import org.hosthog.wire.link.UsageBucket;

/**
 * Pushes every reservation whose last change the server has not acknowledged (derived from the
 * store, see {@link Pushed}) with its version (the length of its history), then a heartbeat with
 * the host's inventory and admins ({@link HostAdmins}) and the usage waiting in the buffer. Runs on
 * every local change and at each interval, on its own thread; it is also the one that reports
 * trouble, once per kind of trouble.
 */
final class ChangePusher {
  private static final System.Logger LOG = System.getLogger(ChangePusher.class.getName());
  private static final int BATCH = 100;
  private static final int BUCKETS_PER_PUSH = 288; // a day

  private final FleetSettings settings;
  private final Pushed pushed;
  private final ServerLink link;
  private final PluginContext context;
  private final Reservations reservations;
  private final HostAdmins admins;
  private final UsageBuffer usage;
  private final Semaphore wake = new Semaphore(0);
  private final Object cycleLock = new Object();
  private final Set<String> toldRefused = new java.util.HashSet<>();
  private volatile boolean running = true;
  private volatile boolean tokenGood;
  private volatile Optional<Instant> lastSuccess = Optional.empty();
  private volatile int pending;
  private volatile Optional<String> problem = Optional.empty();

  ChangePusher(
      FleetSettings settings,
      Pushed pushed,
      ServerLink link,
      PluginContext context,
      UsageBuffer usage) {
    this.settings = settings;
    this.pushed = pushed;
    this.link = link;
    this.context = context;
    this.reservations = context.reservations();
    this.admins = new HostAdmins(context.adminGroups(), context.clock());
    this.usage = usage;
  }

  /** A local change: push soon. */
  void wake() {
    wake.release();
  }

  /** Whether the server took the token the last time it was asked. */
  boolean tokenGood() {
    return tokenGood;
  }

  /** The request stream found the token refused. */
  void tokenRefused() {
    tokenGood = false;
  }

  void stop() {
    running = false;
  }

  /** The state after the last attempt, without contacting the server. */
  SyncStatus status() {
    return new SyncStatus(lastSuccess, pending, problem.map(List::of).orElse(List.of()));
  }

  /** The push thread's loop, until {@link #stop}. */
  void pushLoop() {
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
  SyncStatus cycle() {
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
    List<PushItem> items = new ArrayList<>();
    Map<UUID, Long> sent = new HashMap<>();
    for (Reservation r : batch) {
      ReservationView view =
          ReservationView.of(r, now, context.zone())
              .withHistory(reservations.history(r.id()), context.zone());
      items.add(new PushItem(Math.max(1, view.history().map(List::size).orElse(1)), view));
      sent.put(r.uuid(), r.updated().toEpochMilli());
    }
    List<String> buckets = usage.oldest(BUCKETS_PER_PUSH);
    Push push =
        new Push(
            Optional.of(reservations.inventory()),
            Optional.of(admins.users()),
            items,
            sendable(buckets),
            gpuLoads());
    PushAnswer answer = PushAnswer.parse(link.post("link/push", push.json()));
    Map<UUID, Long> acknowledged = new HashMap<>();
    for (List<UUID> uuids :
        List.of(answer.stored(), answer.stale())) { // stale: it has it, or newer
      for (UUID uuid : uuids) {
        if (sent.containsKey(uuid)) {
          acknowledged.put(uuid, sent.get(uuid));
        }
      }
    }
    pushed.acknowledge(acknowledged);
    for (UUID uuid :
        answer.refused()) { // kept pending: it is this host's, whatever the server says
      if (toldRefused.add(uuid.toString())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "the state server refused reservation "
                + uuid
                + ": its UUID belongs to another host there; it stays pending here");
      }
    }
    return acknowledgeUsage(buckets, answer);
  }

  /**
   * The buckets as records; one the server would refuse (which would refuse the whole push) is
   * dropped here, and logged.
   */
  private List<UsageBucket> sendable(List<String> buckets) {
    List<UsageBucket> out = new ArrayList<>();
    Map<String, String> dropped = new HashMap<>();
    for (String b : buckets) {
      try {
        out.add(UsageBucket.parse(b));
      } catch (WireException e) {
        LOG.log(System.Logger.Level.WARNING, "usage samples dropped: " + e.getMessage());
        dropped.put(UsageBucket.startOf(b).toString(), b);
      }
    }
    usage.acknowledge(dropped);
    return out;
  }

  /** Forgets the buckets the server stored or refused for good; a refusal is logged once. */
  private int acknowledgeUsage(List<String> buckets, PushAnswer answer) {
    Map<Instant, String> sentByStart = new HashMap<>();
    for (String b : buckets) {
      sentByStart.put(UsageBucket.startOf(b), b);
    }
    Map<String, String> done = new HashMap<>();
    for (Instant start : answer.usageStored()) {
      Optional.ofNullable(sentByStart.get(start)).ifPresent(b -> done.put(start.toString(), b));
    }
    for (PushAnswer.Refused r : answer.usageRefused()) {
      Optional.ofNullable(sentByStart.get(r.start()))
          .ifPresent(b -> done.put(r.start().toString(), b));
      if (toldRefused.add(r.why())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "the state server refused usage samples from " + r.start() + ": " + r.why());
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

  /** The GPUs' loads of the last good sample, for the server's gauges; none when unknown. */
  private Optional<List<org.hosthog.api.HostActivity.GpuLoad>> gpuLoads() {
    try {
      org.hosthog.api.HostActivity.GpuTelemetry t = context.activity().gpus();
      return t.sampledAt().isPresent() && t.problem().isEmpty() && !t.loads().isEmpty()
          ? Optional.of(t.loads())
          : Optional.empty();
    } catch (RuntimeException e) { // the activity is a nicety here: the push goes on without it
      return Optional.empty();
    }
  }
}
