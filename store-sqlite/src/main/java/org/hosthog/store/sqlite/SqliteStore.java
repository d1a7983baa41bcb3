package org.hosthog.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hosthog.api.Change;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.StoreException;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreTransaction;
import org.hosthog.api.support.StoreGuard;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A {@link ReservationStore} in one SQLite file.
 *
 * <p>One connection, used under a lock: the daemon is the only client, and serialising every access
 * makes each write transaction trivially atomic with the checks it runs. WAL with {@code
 * synchronous=FULL} means a commit that returned has been fsynced.
 */
final class SqliteStore implements ReservationStore {
  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final Handle handle;
  private final StoreGuard guard;

  private SqliteStore(Path file, Handle handle) {
    this.file = file;
    this.handle = handle;
    this.guard = new StoreGuard(file.toString());
  }

  /**
   * Opens {@code file}, creating it (and its folder) if absent.
   *
   * @throws StoreException if the file is not hosthog's, damaged, or of a newer schema; it is then
   *     not modified
   */
  static SqliteStore open(Path file) {
    refuseForeignFile(file);
    Connection connection;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (IOException | SQLException e) {
      throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
    }
    Handle handle = Jdbi.open(connection);
    try {
      handle.execute("PRAGMA busy_timeout = 10000");
      Schema.check(handle, file.toString()); // before anything can write
      handle.createQuery("PRAGMA journal_mode = WAL").mapTo(String.class).one();
      handle.execute("PRAGMA synchronous = FULL");
      handle.execute("PRAGMA foreign_keys = ON");
      Schema.migrate(handle);
      return new SqliteStore(file, handle);
    } catch (JdbiException e) {
      handle.close();
      throw new StoreException(
          file
              + " cannot be used as a store ("
              + rootMessage(e)
              + "); hosthog leaves it untouched."
              + " Restore a backup, or move it away to start empty.",
          e);
    } catch (RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  /** A non-empty file that does not start with SQLite's header is never handed to SQLite. */
  private static void refuseForeignFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(SQLITE_MAGIC.length);
      if (head.length > 0 && !Arrays.equals(head, SQLITE_MAGIC)) {
        throw new StoreException(
            file
                + " is not an SQLite database (damaged, or another kind of file); hosthog leaves it untouched."
                + " Restore a backup, or move it away to start with an empty store.");
      }
    } catch (IOException e) {
      throw new StoreException("cannot read the store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    return locked(() -> handle.inTransaction(h -> work.apply(new SqliteTransaction(h))));
  }

  @Override
  public Optional<Reservation> find(long id) {
    return locked(() -> new SqliteTransaction(handle).find(id));
  }

  @Override
  public List<Reservation> query(ReservationQuery query) {
    return locked(() -> new SqliteTransaction(handle).query(query));
  }

  @Override
  public int count(ReservationQuery query) {
    return locked(() -> new SqliteTransaction(handle).count(query));
  }

  @Override
  public List<Change> history(long id) {
    return locked(() -> new SqliteTransaction(handle).history(id));
  }

  private <T> T locked(Supplier<T> action) {
    return guard.run(
        () -> {
          try {
            return action.get();
          } catch (JdbiException e) {
            throw new StoreException("store " + file + " failed: " + rootMessage(e), e);
          }
        });
  }

  @Override
  public void close() {
    guard.close(
        () -> {
          try {
            handle.execute("PRAGMA optimize");
          } catch (JdbiException e) {
            // optimisation is optional; closing is what matters
          }
          handle.close();
        });
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
