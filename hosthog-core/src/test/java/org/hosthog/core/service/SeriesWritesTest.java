package org.hosthog.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostEvent;
import org.hosthog.api.HostEvent.SeriesChanged;
import org.hosthog.api.Inventory;
import org.hosthog.api.Limits;
import org.hosthog.api.Outcome;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesOutcome.Clashed;
import org.hosthog.api.SeriesOutcome.Done;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.State;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreContext;
import org.hosthog.api.spi.StoreProvider;
import org.hosthog.core.TestClock;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.tck.EmptySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series on a real SQLite store: all or nothing, wall-clock times, one event per request. */
class SeriesWritesTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z"); // Tue 11:00 in Berlin
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Actor ALICE = Actor.of("alice", "alice");
  private static final Actor BOB = Actor.of("bob", "bob");

  @TempDir Path dir;
  private final EventBus events = new EventBus();
  private final BlockingQueue<HostEvent> seen = new LinkedBlockingQueue<>();
  private ReservationStore store;
  private ReservationService service;

  @BeforeEach
  void open() {
    store =
        Plugins.builtIn()
            .select(StoreProvider.class, "sqlite")
            .open(new StoreContext("gpu-box", dir, EmptySettings.INSTANCE));
    service = service(Limits.none());
    events.subscribe(seen::add);
  }

  private ReservationService service(Limits limits) {
    return new ReservationService(
        "gpu-box",
        store,
        new Inventory(32, List.of(gpu(0), gpu(1)), List.of()),
        new Authorizer(Set.of("hosthog-admin")),
        new TestClock(T0),
        ZONE,
        events,
        limits);
  }

  @AfterEach
  void close() {
    events.close();
    store.close();
  }

  private static Gpu gpu(int i) {
    return new Gpu(i, "A100", "GPU-" + i, 40960);
  }

  /** {@code gpu:0} from {@code start} (Berlin time) for {@code hours}, every {@code every}. */
  private static SeriesRequest weekly(
      String start, long hours, String every, int count, boolean skip) {
    Instant from = LocalDateTime.parse(start).atZone(ZONE).toInstant();
    return new SeriesRequest(
        new ClaimRequest(
            List.of(Claim.of(Resource.parse("gpu:0"))),
            from,
            from.plus(Duration.ofHours(hours)),
            "course",
            false),
        every,
        OptionalInt.of(count),
        Optional.empty(),
        skip);
  }

  private List<Reservation> alices() {
    return store.query(ReservationQuery.history().ownedBy("alice"));
  }

  private static LocalDateTime local(Instant t) {
    return LocalDateTime.ofInstant(t, ZONE);
  }

  @Test
  void aSeriesIsOneReservationPerOccurrenceSharingItsSeriesAnnouncedOnce() throws Exception {
    Done done =
        assertInstanceOf(
            Done.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "week", 4, false)));
    assertEquals(4, done.occurrences().size());
    Series first = done.occurrences().get(0).series().orElseThrow();
    for (int i = 0; i < 4; i++) {
      Reservation r = done.occurrences().get(i);
      assertEquals(LocalDateTime.parse("2026-12-02T14:00").plusWeeks(i), local(r.start()));
      assertEquals(LocalDateTime.parse("2026-12-02T16:00").plusWeeks(i), local(r.end()));
      Series s = r.series().orElseThrow();
      assertEquals(first.id(), s.id());
      assertEquals(i + 1 + " of 4", s.place());
      assertEquals("week", s.every());
      assertEquals(done.occurrences().get(0).start(), s.first());
    }
    assertEquals(done.occurrences(), alices(), "what was answered is what was stored");
    SeriesChanged event = assertInstanceOf(SeriesChanged.class, seen.poll(5, TimeUnit.SECONDS));
    assertEquals(SeriesChanged.Kind.CREATED, event.kind());
    assertEquals(done.occurrences(), event.occurrences());
    assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "one event for the whole series");
  }

  @Test
  void occurrencesKeepTheirWallClockTimeAcrossTheChangeToSummerTime() {
    Done done =
        assertInstanceOf(
            Done.class,
            service.claimSeries(
                ALICE,
                new SeriesRequest(
                    weekly("2027-03-17T14:00", 2, "week", 1, false).first(),
                    "week",
                    OptionalInt.empty(),
                    Optional.of(LocalDate.parse("2027-04-10")),
                    false)));
    // Berlin moves to summer time on 28 March 2027: 14:00 is 13:00Z before, 12:00Z after
    assertEquals(
        List.of(
            "2027-03-17T13:00:00Z",
            "2027-03-24T13:00:00Z",
            "2027-03-31T12:00:00Z",
            "2027-04-07T12:00:00Z"),
        done.occurrences().stream().map(r -> r.start().toString()).toList());
    assertTrue(
        done.occurrences().stream()
            .allMatch(r -> local(r.end()).toLocalTime().equals(LocalTime.of(16, 0))));
  }

  /** bob's gpu:0 on Wed 16 Dec 15:00–16:00: in the way of a weekly Wednesday 14:00–16:00. */
  private Reservation bobsHourInTheThirdWeek() {
    Instant third = LocalDateTime.parse("2026-12-16T15:00").atZone(ZONE).toInstant();
    return assertInstanceOf(
            Outcome.Granted.class,
            service.claim(
                BOB,
                new ClaimRequest(
                    List.of(Claim.of(Resource.parse("gpu:0"))),
                    third,
                    third.plus(Duration.ofHours(1)),
                    "bob's run",
                    false)))
        .reservation();
  }

  @Test
  void oneOccurrenceInConflictMakesNothingUnlessTheOthersAreAskedFor() throws Exception {
    Reservation bobs = bobsHourInTheThirdWeek();
    assertInstanceOf(HostEvent.Created.class, seen.poll(5, TimeUnit.SECONDS));
    Clashed clashed =
        assertInstanceOf(
            Clashed.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "week", 4, false)));
    assertEquals(1, clashed.clashes().size());
    assertEquals(LocalDateTime.parse("2026-12-16T14:00"), local(clashed.clashes().get(0).start()));
    assertEquals(List.of(bobs), clashed.clashes().get(0).conflicts());
    assertEquals(List.of(), alices(), "all or nothing");
    assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "nothing announced");

    Done skipped =
        assertInstanceOf(
            Done.class, service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "week", 4, true)));
    assertEquals(
        List.of("1 of 4", "2 of 4", "4 of 4"),
        skipped.occurrences().stream().map(r -> r.series().orElseThrow().place()).toList());
    assertEquals(List.of(bobs), skipped.skipped().get(0).conflicts());
  }

  @Test
  void forceRecordsEveryOccurrenceAndNamesWhatItWasForcedOver() {
    Reservation bobs = bobsHourInTheThirdWeek();
    SeriesRequest plain = weekly("2026-12-02T14:00", 2, "week", 4, false);
    SeriesRequest forced =
        new SeriesRequest(
            new ClaimRequest(
                plain.first().claims(), plain.first().start(), plain.first().end(), "course", true),
            "week",
            OptionalInt.of(4),
            Optional.empty(),
            false);
    Done done = assertInstanceOf(Done.class, service.claimSeries(ALICE, forced));
    assertEquals(4, done.occurrences().size());
    assertEquals(List.of(bobs), done.overridden());
  }

  @Test
  void aSeriesBeyondItsBoundsOrOverlappingItselfIsRefusedAndNothingIsMade() {
    Denied tooMany =
        assertInstanceOf(
            Denied.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "day", 101, false)));
    assertTrue(tooMany.message().contains("100"), tooMany.message());
    Denied nothing =
        assertInstanceOf(
            Denied.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "0d", 3, false)));
    assertTrue(nothing.message().contains("--every 0d"), nothing.message());
    Denied overlapping =
        assertInstanceOf(
            Denied.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 25, "day", 3, false)));
    assertTrue(
        overlapping.message().contains("must end before the next starts"), overlapping.message());
    Denied noCount =
        assertInstanceOf(
            Denied.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "week", 0, false)));
    assertTrue(noCount.message().contains("--count"), noCount.message());
    assertEquals(List.of(), alices());
  }

  @Test
  void limitsApplyToEachOccurrenceAndTheRefusalNamesItsDay() {
    service =
        service(
            new Limits(
                Optional.empty(),
                Optional.of(Duration.ofDays(10)),
                OptionalInt.empty(),
                Optional.empty(),
                Set.of(),
                Limits.DEFAULT_IDLE_AFTER,
                Limits.DEFAULT_IDLE_BELOW_PERCENT));
    Denied far =
        assertInstanceOf(
            Denied.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "week", 4, false)));
    assertEquals(Outcome.Reason.OVER_LIMIT, far.reason());
    assertTrue(far.message().startsWith("the occurrence on Wed 16 Dec 2026 14:00"), far.message());
    assertEquals(List.of(), alices());
  }

  @Test
  void releasingWithTheSeriesEndsThisAndLaterOccurrencesOnly() throws Exception {
    Done done =
        assertInstanceOf(
            Done.class,
            service.claimSeries(ALICE, weekly("2026-12-02T14:00", 2, "week", 4, false)));
    assertInstanceOf(SeriesChanged.class, seen.poll(5, TimeUnit.SECONDS)); // the claim's
    long second = done.occurrences().get(1).id();
    assertInstanceOf(Denied.class, service.releaseSeries(BOB, second), "not bob's");
    Done released = assertInstanceOf(Done.class, service.releaseSeries(ALICE, second));
    assertEquals(3, released.occurrences().size());
    List<State> states = alices().stream().map(r -> r.state(T0)).toList();
    assertEquals(List.of(State.PLANNED, State.RELEASED, State.RELEASED, State.RELEASED), states);
    SeriesChanged event = assertInstanceOf(SeriesChanged.class, seen.poll(5, TimeUnit.SECONDS));
    assertEquals(SeriesChanged.Kind.RELEASED, event.kind());
    assertEquals(3, event.occurrences().size());
    long alone =
        assertInstanceOf(
                Outcome.Granted.class,
                service.claim(ALICE, weekly("2026-12-03T14:00", 1, "week", 1, false).first()))
            .reservation()
            .id();
    Denied notSeries = assertInstanceOf(Denied.class, service.releaseSeries(ALICE, alone));
    assertTrue(notSeries.message().contains("not part of a series"), notSeries.message());
  }

  @Test
  void editingWithTheSeriesMovesThisAndLaterOccurrencesByTheSameWallClockTime() {
    Done done =
        assertInstanceOf(
            Done.class,
            service.claimSeries(
                ALICE,
                new SeriesRequest(
                    weekly("2027-03-17T14:00", 2, "week", 1, false).first(),
                    "week",
                    OptionalInt.of(4),
                    Optional.empty(),
                    false)));
    Reservation second = done.occurrences().get(1);
    EditRequest anHourLater =
        new EditRequest(
            Optional.empty(),
            Optional.empty(),
            Optional.of(second.start().plus(Duration.ofHours(1))),
            Optional.of(second.end().plus(Duration.ofHours(1))),
            Optional.empty(),
            Optional.of("course, moved"),
            false);
    SeriesOutcome outcome = service.editSeries(ALICE, second.id(), anHourLater);
    assertEquals(3, assertInstanceOf(Done.class, outcome).occurrences().size());
    List<Reservation> after = alices();
    assertEquals(LocalTime.of(14, 0), local(after.get(0).start()).toLocalTime());
    for (Reservation r : after.subList(1, 4)) {
      assertEquals(LocalTime.of(15, 0), local(r.start()).toLocalTime(), "across summer time too");
      assertEquals(LocalTime.of(17, 0), local(r.end()).toLocalTime());
      assertEquals("course, moved", r.message());
    }
    assertEquals("course", after.get(0).message());
  }
}
