package org.hosthog.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Actor;
import org.hosthog.api.AnyGpus;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Outcome;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Granted;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.State;
import org.hosthog.api.TimeSpan;
import org.hosthog.api.spi.StoreContext;
import org.hosthog.api.spi.StoreProvider;
import org.hosthog.core.TestClock;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.tck.EmptySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over a real SQLite store: validation, conflicts, authorization, history, events. */
class ReservationServiceTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Actor ALICE = Actor.of("alice", "alice");
  private static final Actor BOB = Actor.of("bob", "bob", "students");
  private static final Actor ADMIN = Actor.of("carol", "carol", "hosthog-admin");
  private static final Actor ROOT = Actor.of("root", "root");

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private final EventBus events = new EventBus();
  private final BlockingQueue<HostEvent> seen = new LinkedBlockingQueue<>();
  private org.hosthog.api.spi.ReservationStore store;
  private ReservationService service;

  @BeforeEach
  void open() {
    store =
        Plugins.builtIn()
            .select(StoreProvider.class, "sqlite")
            .open(new StoreContext("gpu-box", dir, EmptySettings.INSTANCE));
    Inventory inventory =
        new Inventory(32, List.of(gpu(0), gpu(1), gpu(2), gpu(3)), List.of("fpga0", "scratch"));
    service =
        new ReservationService(
            "gpu-box",
            store,
            inventory,
            new Authorizer(Set.of("sudo", "hosthog-admin")),
            clock,
            ZONE,
            events,
            org.hosthog.api.Limits.none());
    events.subscribe(seen::add);
  }

  @AfterEach
  void close() {
    events.close();
    store.close();
  }

  private static Gpu gpu(int i) {
    return new Gpu(i, "NVIDIA A100-SXM4-40GB", "GPU-" + i, 40960);
  }

  private static ClaimRequest request(
      String resources, long startMin, long minutes, boolean force) {
    List<Claim> claims = new ArrayList<>();
    for (String r : resources.split(" ")) {
      claims.add(Claim.of(Resource.parse(r)));
    }
    Instant start = T0.plus(Duration.ofMinutes(startMin));
    return new ClaimRequest(
        claims, start, start.plus(Duration.ofMinutes(minutes)), "training run", force);
  }

  private Reservation granted(Actor who, String resources, long startMin, long minutes) {
    return assertInstanceOf(
            Granted.class, service.claim(who, request(resources, startMin, minutes, false)))
        .reservation();
  }

  private HostEvent nextEvent() throws InterruptedException {
    HostEvent e = seen.poll(5, TimeUnit.SECONDS);
    assertTrue(e != null, "an event was published");
    return e;
  }

  @Test
  void aClaimIsStoredWithDefaultsAndAnnounced() throws Exception {
    Reservation r = granted(ALICE, "gpu:0-1 host", 0, 60);
    assertEquals("alice", r.owner());
    assertEquals("gpu-box", r.host());
    assertEquals(
        List.of(
            new Claim(Resource.parse("gpu:0-1"), Mode.EXCLUSIVE),
            new Claim(Resource.parse("host"), Mode.SHARED)),
        r.claims());
    assertEquals(Optional.of(r), service.find(r.id()));
    assertEquals(State.ACTIVE, r.state(clock.instant()));
    HostEvent.Created created = assertInstanceOf(HostEvent.Created.class, nextEvent());
    assertEquals(r, created.reservation());
    assertEquals("alice", created.actor());
    assertEquals(Change.Kind.CREATED, service.history(r.id()).get(0).kind());
  }

  @Test
  void aConflictingClaimOfAnotherUserIsRefusedListingTheConflicts() {
    Reservation alices = granted(ALICE, "gpu:0-3", 0, 120);
    Outcome bobs = service.claim(BOB, request("gpu:2", 60, 60, false));
    assertEquals(new Outcome.Conflict(List.of(alices)), bobs);
    assertEquals(1, service.list(ReservationQuery.history()).size(), "nothing stored");
  }

  @Test
  void ownReservationsNeverConflict() {
    granted(ALICE, "host", 0, 60).claims();
    Outcome again =
        service.claim(
            ALICE,
            new ClaimRequest(
                List.of(new Claim(new Resource.Host(), Mode.EXCLUSIVE)),
                T0,
                T0.plusSeconds(600),
                "reboot",
                false));
    assertInstanceOf(Granted.class, again);
  }

  @Test
  void forceRecordsTheClaimAndNamesWhomItOverrides() throws Exception {
    Reservation alices = granted(ALICE, "gpu:0", 0, 60);
    nextEvent();
    Granted forced =
        assertInstanceOf(Granted.class, service.claim(BOB, request("gpu:0", 30, 60, true)));
    assertEquals(List.of(alices), forced.overridden());
    assertEquals(
        List.of(alices), assertInstanceOf(HostEvent.Created.class, nextEvent()).overridden());
  }

  @Test
  void invalidClaimsAreDeniedWithAHelpfulReason() {
    assertDenied(
        Outcome.Reason.INVALID,
        "claimable here: host, gpu:0-3, cpu:0-31, fpga0, scratch",
        service.claim(ALICE, request("gpu:7", 0, 60, false)));
    assertDenied(
        Outcome.Reason.INVALID, "no 'tpu0'", service.claim(ALICE, request("tpu0", 0, 60, false)));
    assertDenied(
        Outcome.Reason.INVALID,
        "cpu:0-31",
        service.claim(ALICE, request("cpu:0-63", 0, 60, false)));
    assertDenied(
        Outcome.Reason.INVALID,
        "overlap; name each resource once",
        service.claim(ALICE, request("gpu:0-1 gpu:1", 0, 60, false)));
    assertDenied(
        Outcome.Reason.INVALID,
        "the end Tue 1 Dec 2026 10:00 is not in the future", // the host's time, as people read it
        service.claim(ALICE, request("gpu:0", -120, 60, false)));
    ClaimRequest silent =
        new ClaimRequest(
            List.of(Claim.of(Resource.parse("gpu:0"))),
            T0,
            T0.plusSeconds(60),
            " \u001b[2J ",
            false);
    assertDenied(Outcome.Reason.INVALID, "say why", service.claim(ALICE, silent));
    assertEquals(List.of(), service.list(ReservationQuery.history()));
  }

  @Test
  void aStartInThePastBecomesNowAndMessagesAreSanitised() {
    ClaimRequest r =
        new ClaimRequest(
            List.of(Claim.of(Resource.parse("gpu:0"))),
            T0.minusSeconds(3600),
            T0.plusSeconds(3600),
            "deadline\u001b]0;pwned\u0007 \u001b[31mred\u001b[0m\u202Eevil\r\nnext",
            false);
    Reservation stored = assertInstanceOf(Granted.class, service.claim(ALICE, r)).reservation();
    assertEquals(T0, stored.start());
    assertEquals("deadline redevil  next", stored.message());
  }

  @Test
  void onlyTheOwnerAdminsAndRootMayChangeAReservation() {
    Reservation r = granted(ALICE, "gpu:0", 0, 60);
    EditRequest later = EditRequest.endAt(T0.plusSeconds(7200));
    assertDenied(
        Outcome.Reason.NOT_PERMITTED, "belongs to alice", service.edit(BOB, r.id(), later));
    assertDenied(Outcome.Reason.NOT_PERMITTED, "belongs to alice", service.release(BOB, r.id()));
    assertInstanceOf(Granted.class, service.edit(ALICE, r.id(), later));
    assertInstanceOf(
        Granted.class, service.edit(ADMIN, r.id(), EditRequest.endAt(T0.plusSeconds(9000))));
    assertInstanceOf(
        Granted.class, service.edit(ROOT, r.id(), EditRequest.endAt(T0.plusSeconds(9600))));
    List<String> actors = service.history(r.id()).stream().map(Change::actor).toList();
    assertEquals(List.of("alice", "alice", "carol", "root"), actors);
    assertEquals("root", service.find(r.id()).orElseThrow().updatedBy());
  }

  @Test
  void unknownIdsAreNotFound() {
    assertDenied(Outcome.Reason.NOT_FOUND, "no reservation 77", service.release(ALICE, 77));
    assertDenied(
        Outcome.Reason.NOT_FOUND,
        "no reservation 77",
        service.edit(ALICE, 77, EditRequest.endAt(T0.plusSeconds(60))));
  }

  @Test
  void extendingIntoSomeoneElsesClaimIsAConflictAndChangesNothing() {
    Reservation mine = granted(ALICE, "gpu:0", 0, 60);
    Reservation theirs = granted(BOB, "gpu:0", 90, 60);
    Outcome o = service.edit(ALICE, mine.id(), EditRequest.endAt(T0.plus(Duration.ofMinutes(100))));
    assertEquals(new Outcome.Conflict(List.of(theirs)), o);
    assertEquals(mine.end(), service.find(mine.id()).orElseThrow().end());
  }

  @Test
  void aChangeMadeThroughTheCalendarSaysSoInTheHistoryAndItsEvent() throws Exception {
    Actor viaCalendar = ALICE.via("calendar");
    Reservation r =
        assertInstanceOf(Granted.class, service.claim(viaCalendar, request("gpu:0", 0, 60, false)))
            .reservation();
    HostEvent.Created created = assertInstanceOf(HostEvent.Created.class, nextEvent());
    assertEquals(Optional.of("calendar"), created.via());
    service.release(viaCalendar, r.id());
    assertEquals(Optional.of("calendar"), ((HostEvent.ByActor) nextEvent()).via());
    List<Change> history = service.history(r.id());
    assertTrue(history.get(0).detail().endsWith("(via calendar)"), history.toString());
    assertEquals("alice", history.get(1).actor());
    assertTrue(history.get(1).detail().endsWith("(via calendar)"), history.toString());
  }

  @Test
  void concurrentExtensionsByOneHourAddUpInsteadOfOverwritingEachOther() throws Exception {
    Reservation r = granted(ALICE, "gpu:0", 0, 60);
    int n = 20;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Outcome>> results = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return service.edit(
                    ALICE, r.id(), EditRequest.extendBy(TimeSpan.of(Duration.ofHours(1))));
              }));
    }
    go.countDown();
    for (java.util.concurrent.Future<Outcome> f : results) {
      assertInstanceOf(Granted.class, f.get());
    }
    pool.shutdown();
    assertEquals(r.end().plus(Duration.ofHours(n)), service.find(r.id()).orElseThrow().end());
    assertEquals(n + 1, service.history(r.id()).size());
  }

  @Test
  void anExtensionByDaysCountsDaysOnTheHostsCalendar() {
    Instant now =
        Instant.parse("2027-03-27T10:00:00Z"); // Berlin changes to summer time on the 28th at 02:00
    clock.set(now);
    Reservation r =
        assertInstanceOf(
                Granted.class,
                service.claim(
                    ALICE,
                    new ClaimRequest(
                        List.of(Claim.of(Resource.parse("gpu:0"))),
                        now,
                        now.plusSeconds(3600),
                        "training run",
                        false)))
            .reservation();
    Reservation after =
        assertInstanceOf(
                Granted.class,
                service.edit(ALICE, r.id(), EditRequest.extendBy(new TimeSpan(1, Duration.ZERO))))
            .reservation();
    assertEquals(
        Duration.ofHours(23),
        Duration.between(r.end(), after.end()),
        "12:00 to 12:00 the next day is 23 h");
  }

  @Test
  void aModeOnlyEditKeepsTheResourcesCurrentWhenApplied() {
    Reservation r = granted(ALICE, "gpu:0-1 fpga0", 0, 60);
    EditRequest shared =
        new EditRequest(
            Optional.empty(),
            Optional.of(Mode.SHARED),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);
    Reservation after =
        assertInstanceOf(Granted.class, service.edit(ALICE, r.id(), shared)).reservation();
    assertEquals(
        List.of(
            new Claim(Resource.parse("gpu:0-1"), Mode.SHARED),
            new Claim(Resource.parse("fpga0"), Mode.SHARED)),
        after.claims());
  }

  @Test
  void editingChangesResourcesMessageAndTimesAndIsAnnounced() throws Exception {
    Reservation r = granted(ALICE, "gpu:0", 30, 60);
    nextEvent();
    EditRequest edit =
        new EditRequest(
            Optional.of(List.of(new Claim(Resource.parse("gpu:1-2"), Mode.SHARED))),
            Optional.of(T0.plusSeconds(600)),
            Optional.empty(),
            Optional.of("smaller run"),
            false);
    Reservation after =
        assertInstanceOf(Granted.class, service.edit(ALICE, r.id(), edit)).reservation();
    assertEquals("smaller run", after.message());
    assertEquals(T0.plusSeconds(600), after.start());
    assertEquals(r.end(), after.end());
    HostEvent.Changed changed = assertInstanceOf(HostEvent.Changed.class, nextEvent());
    assertEquals(r, changed.before());
    assertEquals(after, changed.reservation());
    assertTrue(
        service.history(r.id()).get(1).detail().contains("resources gpu:0 -> gpu:1-2"),
        service.history(r.id()).toString());
    assertDenied(
        Outcome.Reason.INVALID,
        "nothing to change",
        service.edit(
            ALICE,
            r.id(),
            new EditRequest(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false)));
  }

  @Test
  void releaseEndsAnActiveReservationNowAndCancelsAPlannedOne() throws Exception {
    Reservation active = granted(ALICE, "gpu:0", 0, 60);
    Reservation planned = granted(ALICE, "gpu:1", 120, 60);
    clock.advance(Duration.ofMinutes(10));
    Reservation ended =
        assertInstanceOf(Granted.class, service.release(ALICE, active.id())).reservation();
    assertEquals(clock.instant(), ended.end());
    assertEquals(State.RELEASED, ended.state(clock.instant()));
    Reservation cancelled =
        assertInstanceOf(Granted.class, service.release(ALICE, planned.id())).reservation();
    assertEquals(planned.start(), cancelled.start());
    assertEquals(List.of(), service.list(ReservationQuery.current(clock.instant())));
    assertDenied(Outcome.Reason.INVALID, "been released", service.release(ALICE, active.id()));
    assertTrue(service.history(planned.id()).get(1).detail().contains("cancelled"));
    nextEvent();
    nextEvent();
    assertInstanceOf(HostEvent.Released.class, nextEvent());
    // a released claim frees the GPU for others
    assertInstanceOf(Granted.class, service.claim(BOB, request("gpu:0", 15, 30, false)));
  }

  @Test
  void aFailingListenerNeitherFailsTheChangeNorStopsOtherListeners() throws Exception {
    List<String> threads = new ArrayList<>();
    CountDownLatch bothSeen = new CountDownLatch(2);
    events.subscribe(
        e -> {
          bothSeen.countDown();
          throw new IllegalStateException("notifier down");
        });
    events.subscribe(
        e -> {
          threads.add(Thread.currentThread().getName());
          bothSeen.countDown();
        });
    Outcome o = service.claim(ALICE, request("gpu:0", 0, 60, false));
    assertInstanceOf(Granted.class, o);
    assertTrue(bothSeen.await(5, TimeUnit.SECONDS));
    assertNotEquals(
        Thread.currentThread().getName(), threads.get(0), "delivered off the caller's thread");
  }

  @Test
  void racingClaimsForOneGpuHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Outcome>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Actor who = Actor.of("user" + i);
      results.add(
          pool.submit(
              () -> {
                go.await();
                return service.claim(who, request("gpu:3", 0, 60, false));
              }));
    }
    go.countDown();
    long winners = 0;
    for (Future<Outcome> f : results) {
      winners += f.get(60, TimeUnit.SECONDS) instanceof Granted ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, winners);
  }

  private static void assertDenied(Outcome.Reason reason, String fragment, Outcome outcome) {
    Denied d = assertInstanceOf(Denied.class, outcome);
    assertEquals(reason, d.reason(), d.message());
    assertTrue(d.message().contains(fragment), d.message());
  }

  // ---- any N GPUs ------------------------------------------------------------------------------

  private Outcome anyGpus(Actor who, AnyGpus any, String named, long minutes, boolean force) {
    List<Claim> claims = new ArrayList<>();
    if (!named.isEmpty()) {
      for (String r : named.split(" ")) {
        claims.add(Claim.of(Resource.parse(r)));
      }
    }
    return service.claim(
        who,
        new ClaimRequest(
            claims, T0, T0.plus(Duration.ofMinutes(minutes)), "any", force, Optional.of(any)));
  }

  private Reservation anyGranted(Actor who, AnyGpus any) {
    return assertInstanceOf(Granted.class, anyGpus(who, any, "", 60, false)).reservation();
  }

  @Test
  void anyGpusTakesTheFreeOnesForTheWholeSpanLowestFirst() {
    granted(ALICE, "gpu:1", 30, 10); // gpu:1 is taken for a part of the span only: not free
    Reservation bobs = anyGranted(BOB, AnyGpus.of(2));
    assertEquals(List.of(new Claim(Resource.parse("gpu:0,2"), Mode.EXCLUSIVE)), bobs.claims());
    assertEquals(
        List.of(new Claim(Resource.parse("gpu:3"), Mode.EXCLUSIVE)),
        anyGranted(ALICE, AnyGpus.of(1)).claims(),
        "alice's own gpu:1 claim does not keep her from it, but 0 and 2 are bob's");
  }

  @Test
  void anyGpusFollowsThePreferenceThenTheIndex() {
    Reservation r = anyGranted(ALICE, new AnyGpus(3, Mode.EXCLUSIVE, List.of(3, 1, 7, 1)));
    assertEquals(List.of(new Claim(Resource.parse("gpu:0-1,3"), Mode.EXCLUSIVE)), r.claims());
  }

  @Test
  void anyGpusAddsToNamedResourcesAndSharedJoinsShared() {
    granted(ALICE, "gpu:0", 0, 60);
    Reservation r =
        assertInstanceOf(
                Granted.class,
                anyGpus(BOB, new AnyGpus(1, Mode.SHARED, List.of()), "fpga0", 60, false))
            .reservation();
    assertEquals(
        List.of(
            new Claim(Resource.parse("fpga0"), Mode.EXCLUSIVE),
            new Claim(Resource.parse("gpu:1"), Mode.SHARED)),
        r.claims());
  }

  @Test
  void tooFewFreeGpusIsAConflictNamingWhoHoldsThem() {
    Reservation alices = granted(ALICE, "gpu:0-1", 0, 120);
    Reservation carols = granted(ADMIN, "gpu:3", 0, 30);
    Outcome.Conflict c =
        assertInstanceOf(Outcome.Conflict.class, anyGpus(BOB, AnyGpus.of(2), "", 60, false));
    assertEquals(
        Set.of(alices.id(), carols.id()),
        Set.copyOf(c.conflicts().stream().map(Reservation::id).toList()));
    assertEquals(2, service.list(ReservationQuery.history()).size(), "nothing else was stored");
  }

  @Test
  void anExclusiveWholeHostClaimLeavesNoGpuToPick() {
    Reservation reboot =
        assertInstanceOf(
                Granted.class,
                service.claim(
                    ALICE,
                    new ClaimRequest(
                        List.of(new Claim(Resource.parse("host"), Mode.EXCLUSIVE)),
                        T0,
                        T0.plusSeconds(600),
                        "reboot",
                        false)))
            .reservation();
    Outcome.Conflict c =
        assertInstanceOf(Outcome.Conflict.class, anyGpus(BOB, AnyGpus.of(1), "", 60, false));
    assertEquals(List.of(reboot.id()), c.conflicts().stream().map(Reservation::id).toList());
  }

  @Test
  void anyGpusIsRefusedWithNamedGpusWithForceAndBeyondTheHostsGpus() {
    assertDenied(
        Outcome.Reason.INVALID, "not both", anyGpus(BOB, AnyGpus.of(1), "gpu:0", 60, false));
    assertDenied(Outcome.Reason.INVALID, "--force", anyGpus(BOB, AnyGpus.of(1), "", 60, true));
    assertDenied(
        Outcome.Reason.INVALID,
        "this host has 4 GPUs (gpu:0-3); 5 asks for more",
        anyGpus(BOB, AnyGpus.of(5), "", 60, false));
    assertEquals(List.of(), service.list(ReservationQuery.history()));
  }

  @Test
  void twoUsersAskingForAnyGpusAtOnceGetDifferentOnes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome>> both = new ArrayList<>();
      for (Actor who : List.of(ALICE, BOB)) {
        both.add(
            pool.submit(
                () -> {
                  go.await();
                  return anyGpus(who, AnyGpus.of(3), "", 60, false);
                }));
      }
      go.countDown();
      long granted = 0;
      for (Future<Outcome> f : both) {
        if (f.get(10, TimeUnit.SECONDS) instanceof Granted) {
          granted++;
        }
      }
      assertEquals(1, granted, "4 GPUs hold one claim of 3, not two");
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- limits ----------------------------------------------------------------------------------

  private ReservationService limited(String toml) {
    org.hosthog.api.Limits limits =
        org.hosthog.core.config.HosthogConfig.parse(
                "t.toml",
                "[limits]\n" + toml,
                org.hosthog.core.config.Locations.user(java.util.Map.of(), Path.of("/home/x")))
            .limits();
    return new ReservationService(
        "gpu-box",
        store,
        service.inventory(),
        new Authorizer(Set.of("sudo", "hosthog-admin")),
        clock,
        ZONE,
        events,
        limits);
  }

  private static void assertOver(String fragment, Outcome outcome) {
    assertDenied(Outcome.Reason.OVER_LIMIT, fragment, outcome);
    assertTrue(((Denied) outcome).message().contains("see 'hosthog limits'"));
  }

  @Test
  void maxDurationHoldsEvenWithForceButNotForAdminsOrExemptGroups() {
    ReservationService s = limited("max_duration = \"7d\"\nexempt_groups = [\"students\"]\n");
    long eightDays = 8 * 24 * 60;
    assertOver(
        "over this host's limit max_duration = 7d: this would last 8d (from 2026-12-01 11:00);"
            + " end it by 2026-12-08 11:00",
        s.claim(ALICE, request("gpu:0", 0, eightDays, true)));
    assertInstanceOf(Granted.class, s.claim(ALICE, request("gpu:0", 0, 7 * 24 * 60, false)));
    assertInstanceOf(Granted.class, s.claim(ADMIN, request("gpu:1", 0, eightDays, false)));
    assertInstanceOf(Granted.class, s.claim(BOB, request("gpu:2", 0, eightDays, false)));
  }

  @Test
  void maxFutureCountsFromNow() {
    ReservationService s = limited("max_future = \"14d\"\n");
    assertOver(
        "max_future = 14d: this would start 2026-12-21 11:00; start it by 2026-12-15 11:00",
        s.claim(ALICE, request("gpu:0", 20 * 24 * 60, 60, false)));
    assertInstanceOf(Granted.class, s.claim(ALICE, request("gpu:0", 13 * 24 * 60, 60, false)));
  }

  @Test
  void maxGpusPerUserCountsWhatOneHoldsAtAnyMoment() {
    ReservationService s = limited("max_gpus_per_user = 3\n");
    Reservation first =
        assertInstanceOf(Granted.class, s.claim(ALICE, request("gpu:0-1", 0, 60, false)))
            .reservation();
    assertInstanceOf(Granted.class, s.claim(ALICE, request("gpu:2 fpga0", 30, 60, false)));
    assertOver(
        "max_gpus_per_user = 3: from 2026-12-01 11:45 you would hold 4 GPUs (with your"
            + " reservations "
            + first.id(),
        s.claim(ALICE, request("gpu:3", 45, 60, false)));
    assertInstanceOf(
        Granted.class, s.claim(ALICE, request("gpu:3", 60, 60, false)), "after the first ends");
    assertOver(
        "max_gpus_per_user = 3",
        s.claim(
            ALICE,
            new ClaimRequest(
                List.of(new Claim(Resource.parse("host"), Mode.EXCLUSIVE)),
                T0.plusSeconds(3 * 3600),
                T0.plusSeconds(4 * 3600),
                "reboot",
                false)));
    assertInstanceOf(
        Granted.class,
        s.claim(ALICE, request("host", 0, 60, false)),
        "a shared whole-host claim holds no GPU");
    assertOver(
        "max_gpus_per_user = 3",
        s.edit(
            ALICE,
            first.id(),
            new EditRequest(
                Optional.of(List.of(Claim.of(Resource.parse("gpu:0-3")))),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false)));
  }

  @Test
  void extendWithinLetsTheEndMoveLaterOnlyNearIt() {
    ReservationService s = limited("extend_within = \"1d\"\n");
    Reservation r =
        assertInstanceOf(Granted.class, s.claim(ALICE, request("gpu:0", 0, 3 * 24 * 60, false)))
            .reservation();
    assertOver(
        "extend_within = 1d: reservation "
            + r.id()
            + " ends 2026-12-04 11:00; its end can move later from 2026-12-03 11:00 on",
        s.edit(ALICE, r.id(), EditRequest.extendBy(new TimeSpan(0, Duration.ofHours(1)))));
    EditRequest message =
        new EditRequest(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("still training"),
            false);
    assertInstanceOf(Granted.class, s.edit(ALICE, r.id(), message), "no later end: no limit");
    clock.set(T0.plus(Duration.ofHours(50)));
    assertInstanceOf(
        Granted.class,
        s.edit(ALICE, r.id(), EditRequest.extendBy(new TimeSpan(0, Duration.ofHours(1)))));
  }
}
