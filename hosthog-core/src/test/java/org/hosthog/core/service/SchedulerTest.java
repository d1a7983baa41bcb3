package org.hosthog.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Mode;
import org.hosthog.api.Resource;
import org.hosthog.core.Hosthog;
import org.hosthog.core.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time-driven events, computed from the store (a real SQLite one). */
class SchedulerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z"); // 21:00 in Berlin

  @TempDir Path dir;

  private Hosthog open(TestClock clock, boolean scheduler) {
    return Hosthog.builder()
        .host("h")
        .stateDir(dir)
        .gpus(2)
        .clock(clock)
        .zone(BERLIN)
        .headsUp(Duration.ofMinutes(5))
        .scheduler(scheduler)
        .build();
  }

  private static ClaimRequest at(String resource, Mode mode, long startMin, long minutes) {
    Instant start = T0.plus(Duration.ofMinutes(startMin));
    return new ClaimRequest(
        List.of(new Claim(Resource.parse(resource), mode)),
        start,
        start.plus(Duration.ofMinutes(minutes)),
        "m",
        false);
  }

  @Test
  void dueEventsComeInTimeOrderWithHeadsUpAndMidnight() {
    TestClock clock = new TestClock(T0);
    try (Hosthog h = open(clock, false)) {
      h.reservations()
          .claim(
              org.hosthog.api.Actor.of("alice"), at("host", Mode.EXCLUSIVE, 30, 10)); // 21:30-21:40
      h.reservations()
          .claim(org.hosthog.api.Actor.of("bob"), at("gpu:0", Mode.SHARED, 100, 20)); // 22:40-23:00
      Scheduler s = new Scheduler(storeOf(h), new EventBus(), clock, BERLIN, Duration.ofMinutes(5));
      List<HostEvent> due = s.dueBetween(T0, T0.plus(Duration.ofHours(4)));
      List<String> kinds =
          due.stream()
              .map(e -> e.getClass().getSimpleName() + "@" + e.at().atZone(BERLIN).toLocalTime())
              .toList();
      assertEquals(
          List.of(
              "StartingSoon@21:25",
              "Started@21:30",
              "Ended@21:40",
              "Started@22:40",
              "Ended@23:00",
              "NewDay@00:00"),
          kinds);
      assertEquals(
          LocalDate.of(2026, 12, 2), assertInstanceOf(HostEvent.NewDay.class, due.get(5)).day());
      assertEquals(T0.plus(Duration.ofMinutes(25)), s.nextDue(T0));
      assertEquals(T0.plus(Duration.ofMinutes(30)), s.nextDue(T0.plus(Duration.ofMinutes(25))));
      assertEquals(
          List.of(),
          s.dueBetween(T0.plus(Duration.ofMinutes(41)), T0.plus(Duration.ofMinutes(99))),
          "nothing twice");
    }
  }

  @Test
  void ownersAreRemindedBeforeTheEndAndADayBeforeForLongReservations() {
    TestClock clock = new TestClock(T0);
    try (Hosthog h = open(clock, false)) {
      h.reservations()
          .claim(
              org.hosthog.api.Actor.of("alice"),
              at("gpu:0", Mode.EXCLUSIVE, 0, 3 * 24 * 60)); // 3 days
      h.reservations()
          .claim(org.hosthog.api.Actor.of("bob"), at("gpu:1", Mode.EXCLUSIVE, 0, 60)); // 1 hour
      h.reservations()
          .claim(
              org.hosthog.api.Actor.of("carol"),
              at("cpu", Mode.EXCLUSIVE, 0, 20)); // too short to remind
      Scheduler s = new Scheduler(storeOf(h), new EventBus(), clock, BERLIN, Duration.ofMinutes(5));
      List<String> reminders =
          s.dueBetween(T0, T0.plus(Duration.ofDays(4))).stream()
              .filter(e -> e instanceof HostEvent.EndingSoon)
              .map(
                  e ->
                      ((HostEvent.EndingSoon) e).reservation().owner()
                          + "@"
                          + Duration.between(T0, e.at()).toMinutes())
              .toList();
      assertEquals(List.of("bob@45", "alice@2880", "alice@4305"), reminders);
    }
  }

  @Test
  void theRunningSchedulerPublishesAStartAfterTheClockPassesIt() throws Exception {
    TestClock clock = new TestClock(T0);
    try (Hosthog h = open(clock, true)) {
      BlockingQueue<HostEvent> seen = new LinkedBlockingQueue<>();
      h.reservations().subscribe(seen::add);
      h.reservations().claim(org.hosthog.api.Actor.of("alice"), at("gpu:1", Mode.EXCLUSIVE, 1, 10));
      assertInstanceOf(HostEvent.Created.class, seen.poll(5, TimeUnit.SECONDS));
      clock.advance(Duration.ofMinutes(2)); // a jump forward: the start is now in the past
      h.reservations()
          .claim(
              org.hosthog.api.Actor.of("bob"),
              at("gpu:0", Mode.EXCLUSIVE, 30, 10)); // wakes the scheduler
      List<Class<?>> kinds = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        HostEvent e = seen.poll(10, TimeUnit.SECONDS);
        assertTrue(e != null, "events so far: " + kinds);
        kinds.add(e.getClass());
      }
      assertTrue(kinds.contains(HostEvent.Started.class), kinds.toString());
      assertTrue(kinds.contains(HostEvent.Created.class), kinds.toString());
      // alice claimed 1 min ahead, inside the 5 min heads-up: her Created event was the warning
      assertEquals(
          null, seen.poll(1, TimeUnit.SECONDS), "no late heads-up for a start already passed");
    }
  }

  private static org.hosthog.api.spi.StoreReader storeOf(Hosthog h) {
    org.hosthog.api.Reservations r = h.reservations();
    return new org.hosthog.api.spi.StoreReader() {
      @Override
      public java.util.Optional<org.hosthog.api.Reservation> find(long id) {
        return r.find(id);
      }

      @Override
      public List<org.hosthog.api.Reservation> query(org.hosthog.api.ReservationQuery q) {
        return r.list(q);
      }

      @Override
      public List<org.hosthog.api.Change> history(long id) {
        return r.history(id);
      }
    };
  }
}
