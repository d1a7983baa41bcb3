package org.hosthog.tck;

import static org.hosthog.tck.Reservations.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ReservationStore} must do. A backend subclasses this once and says how to open
 * its store in a folder; {@code supports…} hooks switch off what a backend cannot do, and its note
 * must say why.
 */
public abstract class StoreContract {
  @TempDir protected Path dir;
  protected ReservationStore store;

  /** Opens the backend's store in {@code folder}, creating it when absent. */
  protected abstract ReservationStore open(Path folder);

  /** The id the backend's provider registers. */
  protected abstract String providerId();

  /** Whether the store keeps data across close and reopen (an in-memory store would not). */
  protected boolean supportsReopen() {
    return true;
  }

  @BeforeEach
  void openStore() {
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private Reservation insert(Reservation r) {
    return store.write(tx -> tx.insert(r));
  }

  @Test
  void insertAssignsIncreasingPositiveIdsAndFindReturnsWhatWasStored() {
    Reservation a = insert(Reservations.of("alice", "gpu:0-3", 0, 2));
    Reservation b = insert(Reservations.of("bob", "host", 1, 2));
    assertTrue(a.id() > 0);
    assertTrue(b.id() > a.id());
    assertEquals(Optional.of(a), store.find(a.id()));
    assertEquals(Optional.of(b), store.find(b.id()));
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    Instant start = T0.plusMillis(1234);
    Reservation r =
        new Reservation(
            Reservation.UNASSIGNED,
            UUID.randomUUID(),
            "gpu-box",
            "carol",
            List.of(
                new Claim(Resource.parse("host"), Mode.EXCLUSIVE),
                new Claim(Resource.parse("gpu:0,2"), Mode.SHARED),
                new Claim(Resource.parse("cpu:0-15"), Mode.EXCLUSIVE),
                new Claim(Resource.parse("cpu"), Mode.SHARED),
                new Claim(Resource.parse("fpga0"), Mode.EXCLUSIVE)),
            start,
            start.plus(Duration.ofDays(30)),
            "deadline",
            T0,
            T0.plusSeconds(5),
            "root",
            Optional.of(T0.plusSeconds(9)));
    Reservation stored = insert(r);
    assertEquals(r.withId(stored.id()), stored);
    assertEquals(Optional.of(stored), store.find(stored.id()));
  }

  @Test
  void anOccurrenceKeepsItsSeriesThroughInsertUpdateAndRestore() {
    Series weekly = new Series(UUID.randomUUID(), "week", T0.plusMillis(7), 3, 12);
    Reservation third = insert(Reservations.of("alice", "gpu:0", 0, 2).inSeries(weekly));
    Reservation alone = insert(Reservations.of("alice", "gpu:1", 0, 2));
    assertEquals(Optional.of(weekly), store.find(third.id()).orElseThrow().series());
    assertEquals(Optional.empty(), store.find(alone.id()).orElseThrow().series());
    Reservation released = third.releasedAt(T0.plusSeconds(60), "alice");
    Reservation restored =
        Reservations.of("alice", "gpu:2", 1, 2)
            .inSeries(new Series(weekly.id(), "week", weekly.first(), 4, 12))
            .withId(900);
    store.write(
        tx -> {
          tx.update(released);
          tx.restore(restored);
          return null;
        });
    assertEquals(Optional.of(released), store.find(third.id()));
    assertEquals(Optional.of(restored), store.find(900));
  }

  @Test
  void unicodeTextIsKeptExactly() {
    Reservation r = Reservations.of("jörg", "gpu:1", 0, 1);
    Reservation unicode =
        r.changed(
            r.claims(), r.start(), r.end(), "Müller’s Ü-Bahn 训练模型 🚀 — naïve ‘quotes’", "jörg", T0);
    Reservation stored = insert(unicode);
    assertEquals(unicode.message(), store.find(stored.id()).orElseThrow().message());
    assertEquals("jörg", store.find(stored.id()).orElseThrow().owner());
  }

  @Test
  void findOfAnUnknownIdIsEmpty() {
    assertEquals(Optional.empty(), store.find(424242));
  }

  @Test
  void insertRefusesAReservationThatAlreadyHasAnId() {
    Reservation withId = Reservations.of("alice", "gpu:0", 0, 1).withId(7);
    assertThrows(IllegalArgumentException.class, () -> insert(withId));
  }

  @Test
  void restoreKeepsTheIdAndLaterInsertsContinueAfterIt() {
    Reservation moved = Reservations.of("alice", "gpu:0", 0, 1).withId(40);
    store.write(
        tx -> {
          tx.restore(moved);
          return null;
        });
    assertEquals(Optional.of(moved), store.find(40));
    assertTrue(insert(Reservations.of("bob", "gpu:1", 0, 1)).id() > 40);
    assertThrows(
        HosthogException.class,
        () ->
            store.write(
                tx -> {
                  tx.restore(moved);
                  return null;
                }),
        "an id is never given twice");
  }

  @Test
  void updateReplacesTheStoredReservation() {
    Reservation r = insert(Reservations.of("alice", "gpu:0", 0, 1));
    Reservation longer =
        r.changed(
            r.claims(),
            r.start(),
            r.end().plusSeconds(3600),
            "longer",
            "admin",
            T0.plusSeconds(60));
    store.write(
        tx -> {
          tx.update(longer);
          return null;
        });
    assertEquals(Optional.of(longer), store.find(r.id()));
  }

  @Test
  void updateOfAnUnknownReservationFails() {
    Reservation ghost = Reservations.of("alice", "gpu:0", 0, 1).withId(999);
    assertThrows(
        HosthogException.class,
        () ->
            store.write(
                tx -> {
                  tx.update(ghost);
                  return null;
                }));
  }

  @Test
  void workThatThrowsStoresNothing() {
    assertThrows(
        IllegalStateException.class,
        () ->
            store.write(
                tx -> {
                  tx.insert(Reservations.of("alice", "gpu:0", 0, 1));
                  throw new IllegalStateException("changed my mind");
                }));
    assertEquals(List.of(), store.query(ReservationQuery.history()));
  }

  @Test
  void overlapQueriesAreHalfOpenAndSortedByStart() {
    Reservation early = insert(Reservations.of("a", "gpu:0", 0, 2)); // 0-2
    Reservation late = insert(Reservations.of("b", "gpu:1", 4, 2)); // 4-6
    Reservation mid = insert(Reservations.of("c", "gpu:2", 2, 2)); // 2-4
    assertEquals(
        List.of(early, mid, late),
        store.query(ReservationQuery.overlapping(T0, T0.plusSeconds(6 * 3600))));
    assertEquals(
        List.of(mid),
        store.query(ReservationQuery.overlapping(at(2), at(4))),
        "touching ends do not overlap");
    assertEquals(List.of(early, mid), store.query(ReservationQuery.overlapping(at(1), at(3))));
    assertEquals(List.of(), store.query(ReservationQuery.overlapping(at(6), at(9))));
    assertEquals(List.of(mid, late), store.query(ReservationQuery.current(at(3))));
  }

  @Test
  void releasedReservationsOnlyShowInHistory() {
    Reservation kept = insert(Reservations.of("a", "gpu:0", 0, 2));
    Reservation gone = insert(Reservations.of("b", "gpu:1", 0, 2));
    Reservation released = gone.releasedAt(at(1), "b");
    store.write(
        tx -> {
          tx.update(released);
          return null;
        });
    assertEquals(List.of(kept), store.query(ReservationQuery.overlapping(T0, at(2))));
    assertEquals(List.of(kept, released), store.query(ReservationQuery.history()));
    assertEquals(
        at(1), store.find(gone.id()).orElseThrow().end(), "releasing an active one ends it");
  }

  @Test
  void queriesFilterByOwnerAndLimit() {
    insert(Reservations.of("alice", "gpu:0", 0, 1));
    Reservation bob1 = insert(Reservations.of("bob", "gpu:1", 1, 1));
    Reservation bob2 = insert(Reservations.of("bob", "gpu:1", 2, 1));
    assertEquals(List.of(bob1, bob2), store.query(ReservationQuery.history().ownedBy("bob")));
    assertEquals(
        List.of(bob1), store.query(ReservationQuery.history().ownedBy("bob").limitedTo(1)));
    assertEquals(List.of(), store.query(ReservationQuery.history().ownedBy("mallory")));
  }

  @Test
  void countMatchesWhatAQueryFindsWhateverItsLimit() {
    insert(Reservations.of("alice", "gpu:0", 0, 1));
    insert(Reservations.of("bob", "gpu:1", 1, 1));
    insert(Reservations.of("bob", "gpu:1", 5, 1));
    assertEquals(3, store.count(ReservationQuery.history()));
    assertEquals(2, store.count(ReservationQuery.history().ownedBy("bob").limitedTo(1)));
    assertEquals(
        store.query(ReservationQuery.overlapping(at(0), at(2))).size(),
        store.count(ReservationQuery.overlapping(at(0), at(2))));
    assertEquals(0, store.count(ReservationQuery.history().ownedBy("mallory")));
  }

  @Test
  void historyKeepsEveryChangeInOrder() {
    Reservation r = insert(Reservations.of("alice", "gpu:0", 0, 1));
    Change created = new Change(r.id(), T0, "alice", Change.Kind.CREATED, "gpu:0");
    Change extended =
        new Change(r.id(), T0.plusSeconds(10), "root", Change.Kind.CHANGED, "end +1h");
    Change released = new Change(r.id(), T0.plusSeconds(20), "alice", Change.Kind.RELEASED, "");
    store.write(
        tx -> {
          tx.record(created);
          tx.record(extended);
          tx.record(released);
          return null;
        });
    assertEquals(List.of(created, extended, released), store.history(r.id()));
    assertEquals(List.of(), store.history(r.id() + 1));
  }

  /** The service checks conflicts and inserts in one write: racing writers must not both win. */
  @Test
  void checkAndInsertIsAtomicUnderConcurrentWriters() throws Exception {
    int writers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String owner = "user" + i;
      results.add(
          pool.submit(
              () -> {
                go.await();
                return store.write(
                    tx -> {
                      if (!tx.query(ReservationQuery.overlapping(T0, at(1))).isEmpty()) {
                        return false;
                      }
                      Thread.yield(); // widen the window a non-atomic store would lose in
                      tx.insert(Reservations.of(owner, "gpu:0", 0, 1));
                      return true;
                    });
              }));
    }
    go.countDown();
    int winners = 0;
    for (Future<Boolean> f : results) {
      winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, winners);
    assertEquals(1, store.query(ReservationQuery.history()).size());
  }

  @Test
  void dataSurvivesCloseAndReopen() {
    if (!supportsReopen()) {
      return;
    }
    Reservation r = insert(Reservations.of("alice", "gpu:0", 0, 1));
    store.close();
    store = open(dir);
    assertEquals(Optional.of(r), store.find(r.id()));
    Reservation next = insert(Reservations.of("bob", "gpu:1", 0, 1));
    assertTrue(next.id() > r.id(), "ids continue after a reopen");
  }

  @Test
  void closeTwiceIsHarmlessAndUseAfterCloseFails() {
    store.close();
    store.close();
    assertThrows(HosthogException.class, () -> store.find(1));
    store = open(dir);
  }

  @Test
  void providerIsFoundByServiceLoaderAndOpensAStore(@TempDir Path other) {
    StoreProvider provider =
        ServiceLoader.load(StoreProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.id().equals(providerId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no StoreProvider with id " + providerId()));
    assertFalse(provider.description().isBlank());
    try (ReservationStore s =
        provider.open(new org.hosthog.api.spi.StoreContext("h", other, EmptySettings.INSTANCE))) {
      assertEquals(List.of(), s.query(ReservationQuery.history()));
    }
  }

  /** 100k reservations of history: windows still find exactly the right ones. */
  @Test
  @Tag("volume")
  void hundredThousandReservationsStayCorrectlyQueryable() {
    int total = 100_000;
    for (int batch = 0; batch < total / 1000; batch++) {
      int first = batch * 1000;
      store.write(
          tx -> {
            for (int i = first; i < first + 1000; i++) {
              tx.insert(
                  Reservations.of(
                      "user" + (i % 50), "gpu:" + (i % 8), i, 1)); // one per hour, back to back
            }
            return null;
          });
    }
    assertEquals(10, store.query(ReservationQuery.overlapping(at(50_000), at(50_010))).size());
    assertEquals(
        1, store.query(ReservationQuery.overlapping(at(total - 1), at(total + 100))).size());
    assertEquals(
        20,
        store
            .query(ReservationQuery.overlapping(at(0), at(total)).ownedBy("user7").limitedTo(20))
            .size());
    assertEquals(total, store.query(ReservationQuery.history()).size());
  }

  protected static Instant at(long hours) {
    return T0.plus(Duration.ofHours(hours));
  }
}
