package org.hosthog.core.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.State;

/**
 * Judges each GPU sample against what is claimed. A claimed GPU is <em>idle</em> when, for {@code
 * idle_after}, no process ran on it or its utilisation stayed below {@code idle_below} (its owner
 * is told once per reservation); a process on a GPU nobody claimed is <em>unclaimed</em> use (its
 * user is told once per process). Never kills anything. Thread-safe.
 */
public final class GpuWatch {
  private final Reservations reservations;
  private final Duration idleAfter;
  private final int idleBelowPercent;
  private final Clock clock;
  private final Consumer<HostEvent> announce;
  private final Instant watchingSince;
  private final Map<Integer, Instant> lastBusy = new HashMap<>();
  private final Set<UUID> toldIdle = new HashSet<>();
  private final Set<Long> toldUnclaimed = new HashSet<>();
  private volatile List<HostActivity.IdleGpu> idle = List.of();

  public GpuWatch(
      Reservations reservations,
      Duration idleAfter,
      int idleBelowPercent,
      Clock clock,
      Consumer<HostEvent> announce) {
    this.reservations = reservations;
    this.idleAfter = idleAfter;
    this.idleBelowPercent = idleBelowPercent;
    this.clock = clock;
    this.announce = announce;
    this.watchingSince = clock.instant();
  }

  /** The idle claimed GPUs as of the last sample. */
  public List<HostActivity.IdleGpu> idle() {
    return idle;
  }

  /** Judges one sample (the sampler's listener). A failed sample says nothing either way. */
  public synchronized void sample(GpuSampler.Sample sample) {
    if (!sample.problem().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Set<Integer> withProcess = new HashSet<>();
    Set<Long> pids = new HashSet<>();
    for (HostActivity.GpuProcess p : sample.processes()) {
      withProcess.add(p.gpu());
      pids.add(p.pid());
    }
    for (int g : withProcess) {
      if (working(g, sample)) {
        lastBusy.put(g, now);
      }
    }
    List<Reservation> active = // only those of this moment: not the whole upcoming store
        reservations.list(ReservationQuery.overlapping(now, now.plusMillis(1))).stream()
            .filter(r -> r.state(now) == State.ACTIVE)
            .toList();
    int gpus = reservations.inventory().gpus().size();
    List<HostActivity.IdleGpu> found = new ArrayList<>();
    for (Reservation r : active) {
      for (int g = 0; g < gpus; g++) {
        if (!r.holdsGpu(g) || now.equals(lastBusy.get(g))) { // working in this sample
          continue;
        }
        Instant since = latest(r.start(), watchingSince, lastBusy.getOrDefault(g, Instant.MIN));
        if (!since.plus(idleAfter).isAfter(now)) {
          OptionalInt at = withProcess.contains(g) ? utilization(g, sample) : OptionalInt.empty();
          found.add(new HostActivity.IdleGpu(g, r, since, at));
          if (toldIdle.add(r.uuid())) {
            announce.accept(new HostEvent.GpuIdle(r, g, since, at, now));
          }
        }
      }
    }
    idle = List.copyOf(found);
    tellUnclaimed(sample, active, now);
    toldUnclaimed.retainAll(pids); // a pid told about and gone may come back as another process
  }

  private static OptionalInt utilization(int gpu, GpuSampler.Sample sample) {
    return sample.loads().stream()
        .filter(l -> l.gpu() == gpu)
        .mapToInt(HostActivity.GpuLoad::utilizationPercent)
        .findFirst();
  }

  /** A GPU with a process works unless its utilisation is known and below {@code idle_below}. */
  private boolean working(int gpu, GpuSampler.Sample sample) {
    return sample.loads().stream()
        .filter(l -> l.gpu() == gpu)
        .allMatch(l -> l.utilizationPercent() >= idleBelowPercent);
  }

  private void tellUnclaimed(GpuSampler.Sample sample, List<Reservation> active, Instant now) {
    for (HostActivity.GpuProcess p : sample.processes()) {
      boolean someone = !p.user().equals("root") && !p.user().equals("?");
      if (p.isUnclaimed(active) && someone && toldUnclaimed.add(p.pid())) {
        announce.accept(
            new HostEvent.UnclaimedGpuUse(p.gpu(), p.pid(), p.user(), p.command(), now));
      }
    }
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant max = a.isAfter(b) ? a : b;
    return max.isAfter(c) ? max : c;
  }
}
