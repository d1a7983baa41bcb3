package org.hosthog.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.HosthogException;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.wire.link.UsageBucket;
import org.jdbi.v3.core.Jdbi;

/**
 * The fleet database: enrolled hosts, the replica of every host's reservations, web sessions, login
 * links, and the requests made on the web on their way to a host.
 *
 * <p>The same SQL runs on SQLite and PostgreSQL (times are epoch milliseconds, JSON is text); only
 * the schema's auto-increment differs. Thread-safe: every call uses its own handle.
 */
public final class FleetDb implements AutoCloseable {
  /** The schema version this code writes; a newer database is refused. */
  public static final int SCHEMA_VERSION = Schema.SCHEMA_VERSION;

  private final Jdbi jdbi;
  private final boolean postgres;
  private final String where;
  private final HikariDataSource pool;
  private final UsageStore usage;
  private final Hosts hosts;
  private final ReplicaRows replica;
  private final Sessions sessions;
  private final HostRequests requests;
  private final FeedTokens feeds;

  private FleetDb(HikariDataSource pool, boolean postgres, String where, java.time.ZoneId zone) {
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.postgres = postgres;
    this.where = where;
    this.usage = new UsageStore(jdbi, zone);
    this.hosts = new Hosts(jdbi);
    this.replica = new ReplicaRows(jdbi);
    this.sessions = new Sessions(jdbi);
    this.requests = new HostRequests(jdbi);
    this.feeds = new FeedTokens(jdbi);
  }

  private static FleetDb migrate(FleetDb db) {
    try {
      new Schema(db.jdbi, db.postgres, db.where).migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A few connections kept open: a new PostgreSQL connection costs a login (~10 ms). */
  private static HikariDataSource pool(String name, java.util.function.Consumer<HikariConfig> how) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("hosthog-" + name);
    c.setMaximumPoolSize(8);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(10_000);
    c.setInitializationFailTimeout(-1); // report a missing database ourselves, on first use
    how.accept(c);
    return new HikariDataSource(c);
  }

  /** Opens (and creates or migrates) the database the config names. */
  public static FleetDb open(ServerConfig config) {
    if (config.postgres().isPresent()) {
      ServerConfig.Postgres pg = config.postgres().get();
      HikariDataSource pool =
          pool(
              "postgresql",
              c -> {
                c.setJdbcUrl(pg.url());
                c.setUsername(pg.user());
                c.setPassword(pg.password());
              });
      return migrate(new FleetDb(pool, true, pg.url(), config.zone()));
    }
    Path file = config.stateDir().resolve("fleet.db");
    refuseForeignFolderAsRoot(config.stateDir());
    try {
      Files.createDirectories(config.stateDir());
    } catch (java.io.IOException e) {
      throw new HosthogException(
          "cannot create the state folder "
              + config.stateDir()
              + ": "
              + e
              + "; set [server] state_dir to a writable folder",
          e);
    }
    org.sqlite.SQLiteConfig sqlite = new org.sqlite.SQLiteConfig();
    sqlite.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
    sqlite.setBusyTimeout(10_000);
    sqlite.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(sqlite);
    ds.setUrl("jdbc:sqlite:" + file);
    return migrate(
        new FleetDb(
            pool("sqlite", c -> c.setDataSource(ds)), false, file.toString(), config.zone()));
  }

  /**
   * Root writing into the service user's SQLite folder would leave files the service cannot write
   * (the journal), so root is sent to that user instead.
   */
  private static void refuseForeignFolderAsRoot(Path dir) {
    if (!"root".equals(System.getProperty("user.name")) || !Files.isDirectory(dir)) {
      return;
    }
    try {
      String owner = Files.getOwner(dir).getName();
      if (!owner.equals("root")) {
        throw new HosthogException(
            "the fleet database in "
                + dir
                + " belongs to "
                + owner
                + "; run this as that user so the server can still write it, e.g. sudo -u "
                + owner
                + " hosthog server ...");
      }
    } catch (java.io.IOException e) {
      // cannot tell: carry on, SQLite reports what it cannot do
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** The usage samples and their daily sums. */
  public UsageStore usage() {
    return usage;
  }

  /** Enrolled hosts and their tokens. */
  public Hosts hosts() {
    return hosts;
  }

  /** The replica of every host's reservations. */
  public ReplicaRows replica() {
    return replica;
  }

  /** Web sessions and login links. */
  public Sessions sessions() {
    return sessions;
  }

  /** Requests made on the web, on their way to a host. */
  public HostRequests requests() {
    return requests;
  }

  /** Calendar feed tokens. */
  public FeedTokens feeds() {
    return feeds;
  }

  /** Where the database is, for messages. */
  public String where() {
    return where;
  }

  /**
   * Stores each of {@code batch} (see {@link ReplicaRows#upsert}) and {@code usage}, and records
   * contact from {@code host}, in one transaction; which reservations were stored. Recording the
   * contact first locks the host's row, so two pushes of one host (a retry meeting its first
   * attempt on another instance) are stored one after the other.
   */
  /**
   * What a push did to the replica: the reservations stored, and those refused because their UUID
   * is another host's (the rest were stale: the replica has them in that or a newer version).
   */
  public record Upserted(List<ReplicaRows.Stored> stored, List<ReplicaRows.Stored> foreign) {}

  public Upserted upsertAll(
      String host,
      List<ReplicaRows.Stored> batch,
      Instant now,
      Optional<String> inventory,
      List<UsageBucket> usage) {
    return jdbi.inTransaction(
        h -> {
          Hosts.touch(h, host, now, inventory);
          this.usage.store(h, host, usage);
          List<ReplicaRows.Stored> stored = new java.util.ArrayList<>();
          List<ReplicaRows.Stored> foreign = new java.util.ArrayList<>();
          for (ReplicaRows.Stored r : batch) {
            if (ReplicaRows.upsert(h, r, now)) {
              stored.add(r);
            } else if (ReplicaRows.hostOf(h, r.uuid()).filter(o -> !o.equals(host)).isPresent()) {
              foreign.add(r);
            }
          }
          return new Upserted(stored, foreign);
        });
  }

  @Override
  public void close() {
    pool.close();
  }

  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
