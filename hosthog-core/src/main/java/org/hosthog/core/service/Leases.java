package org.hosthog.core.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Actor;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Reservations;
import org.hosthog.api.State;
import org.hosthog.api.TimeSpan;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.wire.Protocol;

/**
 * Reservations that last as long as a {@code hosthog run} keeps renewing them: a lease not renewed
 * for {@link #EXPIRY} is released (history: "via lease expired"), so a run killed with -9 leaves
 * nothing behind for long; a live one is extended a day at a time before its end comes near.
 *
 * <p>Which reservations are leases is kept in a file in the state folder (written when one starts
 * or ends, not on each renewal), so a daemon restart gives each a fresh {@link #EXPIRY} to be
 * renewed in rather than forgetting it.
 */
public final class Leases implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Leases.class.getName());

  /** A lease not renewed for this long is released. */
  public static final Duration EXPIRY = Protocol.LEASE_RENEW_EVERY.multipliedBy(3);

  /** How much a live lease is extended by, when less than {@link #EXTEND_BEFORE} is left. */
  public static final Duration STEP = Duration.ofDays(1);

  static final Duration EXTEND_BEFORE = Duration.ofHours(1);
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

  private final Reservations reservations;
  private final Clock clock;
  private final Path file;
  private final Map<Long, Instant> renewed = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  private Leases(Reservations reservations, Clock clock, Path file) {
    this.reservations = reservations;
    this.clock = clock;
    this.file = file;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-leases"));
  }

  /** The leases recorded in {@code stateDir}, each with a fresh {@link #EXPIRY}, swept from now. */
  public static Leases open(Reservations reservations, Clock clock, Path stateDir) {
    Leases l = new Leases(reservations, clock, stateDir.resolve("leases"));
    Instant now = clock.instant();
    l.read().forEach(id -> l.renewed.put(id, now));
    long every = SWEEP_EVERY.toMillis();
    l.sweeper.scheduleWithFixedDelay(l::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    return l;
  }

  /** Makes reservation {@code id} a lease, renewed now. */
  public void start(long id) {
    renewed.put(id, clock.instant());
    write();
  }

  /**
   * Renews lease {@code id} for {@code actor}: the reservation as it stands, or empty if {@code id}
   * is no lease of {@code actor}'s (anymore).
   */
  public Optional<Reservation> renew(Actor actor, long id) {
    Optional<Reservation> r = reservations.find(id);
    Instant now = clock.instant();
    if (!renewed.containsKey(id) || r.isEmpty() || !r.get().owner().equals(actor.user())) {
      return Optional.empty();
    }
    if (!isCurrent(r.get(), now)) { // released by someone else, or over: tell the run now
      renewed.remove(id);
      write();
      return Optional.empty();
    }
    renewed.put(id, now);
    return r;
  }

  /** Releases expired leases, extends live ones near their end, forgets finished ones. */
  void sweep() {
    Instant now = clock.instant();
    boolean changed = false;
    for (Map.Entry<Long, Instant> lease : List.copyOf(renewed.entrySet())) {
      long id = lease.getKey();
      Optional<Reservation> r = reservations.find(id);
      if (r.isEmpty() || !isCurrent(r.get(), now)) {
        renewed.remove(id);
        changed = true;
      } else if (lease.getValue().plus(EXPIRY).isBefore(now)) {
        Outcome o = reservations.release(owner(r.get()).via("lease expired"), id);
        LOG.log(
            System.Logger.Level.INFO,
            "lease " + id + " of " + r.get().owner() + " expired: " + describe(o));
        renewed.remove(id);
        changed = true;
      } else if (r.get().end().minus(EXTEND_BEFORE).isBefore(now)) {
        Outcome o =
            reservations.edit(
                owner(r.get()).via("hosthog run"), id, EditRequest.extendBy(new TimeSpan(0, STEP)));
        if (!(o instanceof Outcome.Granted)) {
          LOG.log(
              System.Logger.Level.WARNING,
              "cannot extend lease " + id + " of " + r.get().owner() + ": " + describe(o));
        }
      }
    }
    if (changed) {
      write();
    }
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "sweeping the leases failed", e);
    }
  }

  private static boolean isCurrent(Reservation r, Instant now) {
    State s = r.state(now);
    return s == State.ACTIVE || s == State.PLANNED;
  }

  private static Actor owner(Reservation r) {
    return new Actor(r.owner(), UnixGroups.of(r.owner()));
  }

  private static String describe(Outcome o) {
    return o instanceof Outcome.Denied d ? d.message() : o.getClass().getSimpleName();
  }

  private List<Long> read() {
    List<Long> ids = new ArrayList<>();
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          if (line.strip().matches("\\d{1,18}")) {
            ids.add(Long.parseLong(line.strip()));
          }
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read " + file + ": " + e.getMessage());
    }
    return ids;
  }

  private synchronized void write() {
    StringBuilder s = new StringBuilder();
    renewed.keySet().stream().sorted().forEach(id -> s.append(id).append('\n'));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, s);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
