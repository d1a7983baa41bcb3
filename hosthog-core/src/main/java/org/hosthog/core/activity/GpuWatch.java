package org.hosthog.core.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.State;

/**
 * Watches what really runs on the GPUs, against what is claimed: a claimed GPU without a process
 * for {@code idle_after} is <em>idle</em> (its owner is told once per reservation), a process on a
 * GPU nobody claimed is <em>unclaimed</em> use (its user is told once per process). Samples the
 * activity probe every minute (every quarter of {@code idle_after} when that is shorter).
 */
public final class GpuWatch implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GpuWatch.class.getName());

  /** A claimed GPU without a process since {@code since}. */
  public record Idle(int gpu, Reservation reservation, Instant since) {}

  private final Reservations reservations;
  private final Supplier<HostActivity> activity;
  private final Duration idleAfter;
  private final Clock clock;
  private final Consumer<HostEvent> announce;
  private final Instant watchingSince;
  private final Map<Integer, Instant> lastBusy = new HashMap<>();
  private final Set<UUID> toldIdle = new HashSet<>();
  private final Set<Long> toldUnclaimed = new HashSet<>();
  private volatile List<Idle> idle = List.of();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hosthog-gpu-watch");
            t.setDaemon(true);
            return t;
          });

  public GpuWatch(
      Reservations reservations,
      Supplier<HostActivity> activity,
      Duration idleAfter,
      Clock clock,
      Consumer<HostEvent> announce) {
    this.reservations = reservations;
    this.activity = activity;
    this.idleAfter = idleAfter;
    this.clock = clock;
    this.announce = announce;
    this.watchingSince = clock.instant();
  }

  /** Samples from now on; a host without GPUs is not watched. */
  public GpuWatch start() {
    if (!reservations.inventory().gpus().isEmpty()) {
      long every = Math.min(Duration.ofMinutes(1).toMillis(), idleAfter.toMillis() / 4);
      sampler.scheduleWithFixedDelay(this::sampleSafely, every, every, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** The idle claimed GPUs as of the last sample. */
  public List<Idle> idle() {
    return idle;
  }

  synchronized void sample() {
    Instant now = clock.instant();
    HostActivity a = activity.get();
    Set<Integer> busy = new HashSet<>();
    Set<Long> pids = new HashSet<>();
    for (HostActivity.GpuProcess p : a.gpuProcesses()) {
      busy.add(p.gpu());
      pids.add(p.pid());
      lastBusy.put(p.gpu(), now);
    }
    List<Reservation> active = // only those of this moment: not the whole upcoming store
        reservations.list(ReservationQuery.overlapping(now, now.plusMillis(1))).stream()
            .filter(r -> r.state(now) == State.ACTIVE)
            .toList();
    int gpus = reservations.inventory().gpus().size();
    List<Idle> found = new ArrayList<>();
    for (Reservation r : active) {
      for (int g = 0; g < gpus; g++) {
        if (!r.holdsGpu(g) || busy.contains(g)) {
          continue;
        }
        Instant since = latest(r.start(), watchingSince, lastBusy.getOrDefault(g, Instant.MIN));
        if (!since.plus(idleAfter).isAfter(now)) {
          found.add(new Idle(g, r, since));
          if (toldIdle.add(r.uuid())) {
            announce.accept(new HostEvent.GpuIdle(r, g, since, now));
          }
        }
      }
    }
    idle = List.copyOf(found);
    for (HostActivity.GpuProcess p : a.gpuProcesses()) {
      boolean someone = !p.user().equals("root") && !p.user().equals("?");
      if (p.isUnclaimed(active) && someone && toldUnclaimed.add(p.pid())) {
        announce.accept(
            new HostEvent.UnclaimedGpuUse(p.gpu(), p.pid(), p.user(), p.command(), now));
      }
    }
    toldUnclaimed.retainAll(pids); // a pid told about and gone may come back as another process
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "watching the GPUs failed: " + e);
    }
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant max = a.isAfter(b) ? a : b;
    return max.isAfter(c) ? max : c;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
