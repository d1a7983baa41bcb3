package org.hosthog.store.mapdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hosthog.api.Change;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.StoreException;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreTransaction;
import org.hosthog.api.support.StoreGuard;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * A {@link ReservationStore} in one MapDB file with a write-ahead log ({@code transactionEnable}):
 * a commit that returned survives {@code kill -9}. Reservations by id, plus B-tree sets of (start,
 * id) and (end, id) so time windows never scan history; the file is locked against a second
 * process. One lock serialises all access, as the daemon is the only client.
 */
final class MapdbStore implements ReservationStore {
  static final int SCHEMA = 1;
  static final String APPLICATION = "hosthog";

  private final Path file;
  private final DB db;
  private final BTreeMap<Long, String> reservations;
  private final NavigableSet<Object[]> byStart;
  private final NavigableSet<Object[]> byEnd;
  private final BTreeMap<Object[], String> history;
  private final Atomic.Long nextId;
  private final Atomic.Long nextSeq;
  private final Atomic.Long longestSpan;
  private final StoreGuard guard;

  private MapdbStore(Path file, DB db) {
    this.file = file;
    this.guard = new StoreGuard(file.toString());
    this.db = db;
    this.reservations =
        db.treeMap("reservations", Serializer.LONG, Serializer.STRING).createOrOpen();
    SerializerArrayTuple pair = new SerializerArrayTuple(Serializer.LONG, Serializer.LONG);
    this.byStart = db.treeSet("byStart", pair).createOrOpen();
    this.byEnd = db.treeSet("byEnd", pair).createOrOpen();
    this.history = db.treeMap("history", pair, Serializer.STRING).createOrOpen();
    this.nextId = db.atomicLong("nextId").createOrOpen();
    this.nextSeq = db.atomicLong("nextSeq").createOrOpen();
    this.longestSpan = db.atomicLong("longestSpan").createOrOpen();
  }

  /**
   * Opens {@code file}, creating it if absent.
   *
   * @throws StoreException if it is locked by another process, damaged, not hosthog's or newer
   */
  static MapdbStore open(Path file) {
    boolean existed = Files.exists(file);
    DB db;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
    } catch (DBException.FileLocked e) {
      throw new StoreException(
          file + " is in use by another process (another hosthog daemon?); stop it first", e);
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          file
              + " cannot be used as a store ("
              + e.getMessage()
              + "); hosthog leaves it untouched."
              + " Restore a backup, or move it away to start empty.",
          e);
    }
    try {
      checkSchema(db, file, existed);
      MapdbStore store = new MapdbStore(file, db);
      db.commit(); // the collections themselves: a first rollback must not take them away
      return store;
    } catch (RuntimeException e) {
      db.rollback();
      db.close();
      throw e instanceof StoreException
          ? e
          : new StoreException(
              file + " is damaged (" + e.getMessage() + "); hosthog leaves it untouched.", e);
    }
  }

  private static void checkSchema(DB db, Path file, boolean existed) {
    Atomic.String app = db.atomicString("application").createOrOpen();
    Atomic.Integer schema = db.atomicInteger("schema").createOrOpen();
    if (app.get() == null || app.get().isEmpty()) {
      if (existed && db.getAll().size() > 2) {
        throw new StoreException(
            file + " is a MapDB file, but not hosthog's; hosthog leaves it untouched.");
      }
      app.set(APPLICATION);
      schema.set(SCHEMA);
      db.commit();
    } else if (!APPLICATION.equals(app.get())) {
      throw new StoreException(
          file + " is a MapDB file, but not hosthog's; hosthog leaves it untouched.");
    } else if (schema.get() > SCHEMA) {
      throw new StoreException(
          file
              + " was written by a newer hosthog (schema "
              + schema.get()
              + "; this version knows up to "
              + SCHEMA
              + "). Upgrade hosthog; the file is left untouched.");
    }
  }

  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    return locked(
        () -> {
          try {
            T result = work.apply(new Tx());
            db.commit();
            return result;
          } catch (RuntimeException | Error e) {
            db.rollback();
            throw e;
          }
        });
  }

  @Override
  public Optional<Reservation> find(long id) {
    return locked(() -> new Tx().find(id));
  }

  @Override
  public List<Reservation> query(ReservationQuery query) {
    return locked(() -> new Tx().query(query));
  }

  @Override
  public List<Change> history(long id) {
    return locked(() -> new Tx().history(id));
  }

  private <T> T locked(Supplier<T> action) {
    return guard.run(
        () -> {
          try {
            return action.get();
          } catch (DBException e) {
            throw new StoreException("store " + file + " failed: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public void close() {
    guard.close(db::close);
  }

  /** Reads and writes; only used under the store's lock. */
  private final class Tx implements StoreTransaction {
    @Override
    public Optional<Reservation> find(long id) {
      return Optional.ofNullable(reservations.get(id)).map(Records::reservation);
    }

    @Override
    public List<Reservation> query(ReservationQuery q) {
      List<Reservation> out = new ArrayList<>();
      for (long id : candidates(q)) {
        Reservation r = Records.reservation(reservations.get(id));
        if (q.matches(r)) {
          out.add(r);
        }
      }
      out.sort(Comparator.comparing(Reservation::start).thenComparingLong(Reservation::id));
      return q.limit() > 0 && out.size() > q.limit() ? List.copyOf(out.subList(0, q.limit())) : out;
    }

    /**
     * Ids worth looking at: by start for a closed window (widened by the longest span), by end from
     * a moment on.
     */
    private List<Long> candidates(ReservationQuery q) {
      List<Long> ids = new ArrayList<>();
      if (q.from().isPresent() && q.to().isPresent()) {
        long lower = q.from().get().toEpochMilli() - longestSpan.get();
        long upper = q.to().get().toEpochMilli();
        byStart
            .subSet(
                new Object[] {lower, Long.MIN_VALUE},
                true,
                new Object[] {upper, Long.MIN_VALUE},
                false)
            .forEach(k -> ids.add((Long) k[1]));
      } else if (q.from().isPresent()) {
        long from = q.from().get().toEpochMilli();
        byEnd
            .tailSet(new Object[] {from, Long.MAX_VALUE}, false)
            .forEach(k -> ids.add((Long) k[1]));
      } else {
        ids.addAll(reservations.keySet());
      }
      return ids;
    }

    @Override
    public List<Change> history(long id) {
      ConcurrentNavigableMap<Object[], String> range =
          history.subMap(
              new Object[] {id, Long.MIN_VALUE}, true, new Object[] {id, Long.MAX_VALUE}, true);
      return range.values().stream().map(Records::change).toList();
    }

    @Override
    public Reservation insert(Reservation r) {
      if (r.id() != Reservation.UNASSIGNED) {
        throw new IllegalArgumentException("a new reservation has no id yet, got " + r.id());
      }
      Reservation stored = r.withId(nextId.incrementAndGet());
      put(stored);
      return stored;
    }

    @Override
    public void restore(Reservation r) {
      if (r.id() <= 0 || reservations.containsKey(r.id())) {
        throw new StoreException(
            "cannot restore reservation " + r.id() + ": the id is invalid or taken");
      }
      put(r);
      if (r.id() > nextId.get()) {
        nextId.set(r.id());
      }
    }

    @Override
    public void update(Reservation r) {
      Optional<Reservation> old = find(r.id());
      if (old.isEmpty() || !old.get().uuid().equals(r.uuid())) {
        throw new StoreException(
            "no stored reservation " + r.id() + " with uuid " + r.uuid() + " to update");
      }
      byStart.remove(new Object[] {old.get().start().toEpochMilli(), r.id()});
      byEnd.remove(new Object[] {old.get().end().toEpochMilli(), r.id()});
      put(r);
    }

    private void put(Reservation r) {
      reservations.put(r.id(), Records.encode(r));
      byStart.add(new Object[] {r.start().toEpochMilli(), r.id()});
      byEnd.add(new Object[] {r.end().toEpochMilli(), r.id()});
      long span = r.end().toEpochMilli() - r.start().toEpochMilli();
      if (span > longestSpan.get()) {
        longestSpan.set(span);
      }
    }

    @Override
    public void record(Change c) {
      history.put(new Object[] {c.reservationId(), nextSeq.incrementAndGet()}, Records.encode(c));
    }
  }
}
