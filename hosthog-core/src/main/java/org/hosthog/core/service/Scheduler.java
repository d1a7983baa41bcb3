package org.hosthog.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.spi.StoreReader;

/**
 * Raises the events of time passing: a reservation starts or ends, an exclusive one starts soon
 * (the heads-up), a new day begins.
 *
 * <p>Keeps no plan of its own: each wake-up asks the store what is due since the last one, so
 * changes, restarts and clock jumps lose nothing. It sleeps at most {@link #MAX_SLEEP}, so a
 * wall-clock jump is noticed within that time; {@link #wake()} makes it look again at once.
 */
public final class Scheduler implements AutoCloseable {
  static final Duration MAX_SLEEP = Duration.ofSeconds(30);

  /** The owner is reminded this long before the end... */
  static final Duration REMINDER = Duration.ofMinutes(15);

  /** ...and, for reservations longer than {@link #LONG}, also this long before. */
  static final Duration EARLY_REMINDER = Duration.ofDays(1);

  static final Duration LONG = Duration.ofDays(2);
  private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());

  private final StoreReader store;
  private final EventBus events;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration headsUp;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;
  private volatile boolean running = true;
  private boolean poked;
  private Instant lastRun;

  public Scheduler(StoreReader store, EventBus events, Clock clock, ZoneId zone, Duration headsUp) {
    this.store = Objects.requireNonNull(store, "store");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.headsUp = Objects.requireNonNull(headsUp, "headsUp");
    this.thread = new Thread(this::loop, "hosthog-scheduler");
    this.thread.setDaemon(true);
  }

  public void start() {
    lastRun = clock.instant();
    thread.start();
  }

  /** Looks at the store again now (after a change). */
  public void wake() {
    lock.lock();
    try {
      poked = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (running) {
      try {
        Instant now = clock.instant();
        if (now.isBefore(lastRun)) {
          LOG.log(System.Logger.Level.INFO, "the clock went back from " + lastRun + " to " + now);
          lastRun = now;
        }
        dueBetween(lastRun, now).forEach(events::publish);
        lastRun = now;
        sleepUntil(nextDue(now));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "scheduler run failed; retrying", e);
        sleepUntil(clock.instant().plus(MAX_SLEEP));
      }
    }
  }

  /** Every event due in {@code (from, to]}, in time order. */
  public List<HostEvent> dueBetween(Instant from, Instant to) {
    List<HostEvent> due = new ArrayList<>();
    for (Reservation r :
        store.query(ReservationQuery.overlapping(from, to.plus(headsUp).plusMillis(1)))) {
      if (exclusive(r) && within(r.start().minus(headsUp), from, to) && r.start().isAfter(from)) {
        due.add(new HostEvent.StartingSoon(r, r.start().minus(headsUp)));
      }
      for (Instant reminder : reminders(r)) {
        if (within(reminder, from, to)) {
          due.add(new HostEvent.EndingSoon(r, reminder));
        }
      }
      if (within(r.start(), from, to)) {
        due.add(new HostEvent.Started(r, r.start()));
      }
      if (within(r.end(), from, to)) {
        due.add(new HostEvent.Ended(r, r.end()));
      }
    }
    LocalDate day = from.atZone(zone).toLocalDate().plusDays(1);
    for (Instant midnight = day.atStartOfDay(zone).toInstant(); !midnight.isAfter(to); ) {
      due.add(new HostEvent.NewDay(day, midnight));
      day = day.plusDays(1);
      midnight = day.atStartOfDay(zone).toInstant();
    }
    due.sort(Comparator.comparing(HostEvent::at));
    return due;
  }

  /** The next moment after {@code now} at which something is due. */
  Instant nextDue(Instant now) {
    Instant next = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    for (Reservation r : store.query(ReservationQuery.overlapping(now, next.plus(headsUp)))) {
      List<Instant> moments =
          new ArrayList<>(List.of(r.start().minus(headsUp), r.start(), r.end()));
      moments.addAll(reminders(r));
      for (Instant t : moments) {
        if (t.isAfter(now) && t.isBefore(next)) {
          next = t;
        }
      }
    }
    return next;
  }

  /** When the owner is reminded of the end: 15 min before, and a day before long reservations. */
  static List<Instant> reminders(Reservation r) {
    Duration length = Duration.between(r.start(), r.end());
    List<Instant> at = new ArrayList<>();
    if (length.compareTo(REMINDER.multipliedBy(2)) > 0) {
      at.add(r.end().minus(REMINDER));
    }
    if (length.compareTo(LONG) > 0) {
      at.add(r.end().minus(EARLY_REMINDER));
    }
    return at;
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return t.isAfter(from) && !t.isAfter(to);
  }

  private static boolean exclusive(Reservation r) {
    return r.claims().stream().anyMatch(c -> c.isExclusive());
  }

  private void sleepUntil(Instant wakeAt) {
    lock.lock();
    try {
      long millis =
          Math.min(Duration.between(clock.instant(), wakeAt).toMillis(), MAX_SLEEP.toMillis());
      if (!poked && running && millis > 0) {
        changed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      poked = false;
    } catch (InterruptedException e) {
      running = false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
