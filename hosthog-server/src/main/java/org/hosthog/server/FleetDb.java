package org.hosthog.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hosthog.api.HosthogException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The fleet database: enrolled hosts, the replica of every host's reservations, web sessions, login
 * links, and the requests made on the web on their way to a host.
 *
 * <p>The same SQL runs on SQLite and PostgreSQL (times are epoch milliseconds, JSON is text); only
 * the schema's auto-increment differs. Thread-safe: every call uses its own handle.
 */
public final class FleetDb implements AutoCloseable {
  /** The schema version this code writes; a newer database is refused. */
  static final int SCHEMA_VERSION = 4;

  private final Jdbi jdbi;
  private final boolean postgres;
  private final String where;
  private final HikariDataSource pool;
  private final UsageStore usage;

  private FleetDb(HikariDataSource pool, boolean postgres, String where, java.time.ZoneId zone) {
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.postgres = postgres;
    this.where = where;
    this.usage = new UsageStore(jdbi, zone);
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

  Jdbi jdbi() {
    return jdbi;
  }

  /** The usage samples and their daily sums. */
  UsageStore usage() {
    return usage;
  }

  /** Where the database is, for messages. */
  String where() {
    return where;
  }

  // ---- schema ------------------------------------------------------------------------------

  private static FleetDb migrate(FleetDb db) {
    try {
      db.migrateOnce();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private void migrateOnce() {
    FleetDb db = this;
    try {
      db.jdbi.useTransaction(
          h -> {
            if (db.postgres) { // two instances starting at once: one migrates, one waits
              h.execute("SELECT pg_advisory_xact_lock(8470)");
            } else {
              h.execute("SELECT 1"); // SQLite: the first write below takes the lock
            }
            h.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version =
                h.createQuery("SELECT MAX(version) FROM schema_version")
                    .mapTo(Integer.class)
                    .findOne()
                    .orElse(0);
            if (version > SCHEMA_VERSION) {
              throw new HosthogException(
                  "the fleet database "
                      + db.where
                      + " has schema version "
                      + version
                      + ", newer than this hosthog-server understands ("
                      + SCHEMA_VERSION
                      + "); upgrade hosthog-server on this machine. Nothing was changed.");
            }
            if (version < 1) {
              db.createV1(h);
              h.execute("INSERT INTO schema_version (version) VALUES (1)");
            }
            if (version < 2) {
              createV2(h);
              h.execute("INSERT INTO schema_version (version) VALUES (2)");
            }
            if (version < 3) {
              createV3(h);
              h.execute("INSERT INTO schema_version (version) VALUES (3)");
            }
            if (version < 4) {
              UsageStore.createSchema(h);
              h.execute("INSERT INTO schema_version (version) VALUES (4)");
            }
          });
    } catch (org.jdbi.v3.core.ConnectionException e) {
      throw new HosthogException(
          "cannot connect to the fleet database "
              + db.where
              + ": "
              + rootMessage(e)
              + "; check [server.postgresql] url, user and password_file",
          e);
    }
  }

  private void createV1(Handle h) {
    String serial = postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
    h.execute(
        "CREATE TABLE hosts (name TEXT PRIMARY KEY, token_hash TEXT, enrolled BIGINT NOT NULL,"
            + " last_seen BIGINT, inventory TEXT, revoked BIGINT)");
    h.execute("CREATE UNIQUE INDEX hosts_token ON hosts (token_hash)");
    h.execute(
        "CREATE TABLE reservations (uuid TEXT PRIMARY KEY, host TEXT NOT NULL, id BIGINT NOT NULL,"
            + " version BIGINT NOT NULL, owner TEXT NOT NULL, start_ms BIGINT NOT NULL,"
            + " end_ms BIGINT NOT NULL, released_ms BIGINT, body TEXT NOT NULL,"
            + " received BIGINT NOT NULL)");
    h.execute("CREATE INDEX reservations_host_id ON reservations (host, id)");
    h.execute("CREATE INDEX reservations_end ON reservations (end_ms)");
    h.execute(
        "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, username TEXT NOT NULL,"
            + " csrf TEXT NOT NULL, expires BIGINT NOT NULL)");
    h.execute(
        "CREATE TABLE login_links (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL,"
            + " host TEXT NOT NULL, expires BIGINT NOT NULL, used BIGINT)");
    h.execute(
        "CREATE TABLE host_requests (id "
            + serial
            + ", host TEXT NOT NULL, username TEXT NOT NULL, line TEXT NOT NULL,"
            + " created BIGINT NOT NULL, answer TEXT, answered BIGINT)");
    h.execute("CREATE INDEX host_requests_host ON host_requests (host, created)");
  }

  /** Version 2: requests say whether a server admin made them; calendar feed tokens. */
  private static void createV2(Handle h) {
    h.execute("ALTER TABLE host_requests ADD COLUMN admin BOOLEAN NOT NULL DEFAULT FALSE");
    h.execute(
        "CREATE TABLE feeds (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
            + " created BIGINT NOT NULL)");
  }

  /** Version 3: the users each host counts as its admins (for the page's buttons). */
  private static void createV3(Handle h) {
    h.execute(
        "CREATE TABLE host_admins (host TEXT NOT NULL, username TEXT NOT NULL,"
            + " PRIMARY KEY (host, username))");
    h.execute("CREATE INDEX host_admins_user ON host_admins (username)");
  }

  // ---- hosts -------------------------------------------------------------------------------

  /** An enrolled host as the database holds it. */
  record HostRow(
      String name,
      Instant enrolled,
      Optional<Instant> lastSeen,
      Optional<String> inventory,
      Optional<Instant> revoked) {}

  /** Enrols {@code host} (again): its old token stops working. */
  void enroll(String host, String tokenHash, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO hosts (name, token_hash, enrolled) VALUES (:n, :t, :now)"
                        + " ON CONFLICT (name) DO UPDATE SET token_hash = :t, enrolled = :now,"
                        + " revoked = NULL")
                .bind("n", host)
                .bind("t", tokenHash)
                .bind("now", now.toEpochMilli())
                .execute());
  }

  /** Revokes {@code host}'s token; false if it is not enrolled. Its reservations stay. */
  boolean revoke(String host, Instant now) {
    return jdbi.inTransaction(
            h -> {
              h.createUpdate("DELETE FROM host_admins WHERE host = :n").bind("n", host).execute();
              return h.createUpdate(
                      "UPDATE hosts SET token_hash = NULL, revoked = :now WHERE name = :n")
                  .bind("n", host)
                  .bind("now", now.toEpochMilli())
                  .execute();
            })
        == 1;
  }

  /**
   * Records who {@code host} counts as its admins; written only when that changed, since hosts send
   * it with every heartbeat.
   */
  void setAdmins(String host, Set<String> users) {
    jdbi.useTransaction(
        h -> {
          Set<String> now =
              new java.util.HashSet<>(
                  h.createQuery("SELECT username FROM host_admins WHERE host = :h")
                      .bind("h", host)
                      .mapTo(String.class)
                      .list());
          if (now.equals(users)) {
            return;
          }
          h.createUpdate("DELETE FROM host_admins WHERE host = :h").bind("h", host).execute();
          var insert = h.prepareBatch("INSERT INTO host_admins (host, username) VALUES (:h, :u)");
          for (String u : users) {
            insert.bind("h", host).bind("u", u).add();
          }
          if (!users.isEmpty()) {
            insert.execute();
          }
        });
  }

  /** The hosts that count {@code user} as one of their admins, by name. */
  List<String> adminHosts(String user) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT host FROM host_admins WHERE username = :u ORDER BY host")
                .bind("u", user)
                .mapTo(String.class)
                .list());
  }

  private static final String HOST =
      "SELECT name, enrolled, last_seen, inventory, revoked FROM hosts";

  List<HostRow> hosts() {
    return jdbi.withHandle(
        h -> h.createQuery(HOST + " ORDER BY name").map((rs, ctx) -> hostRow(rs)).list());
  }

  Optional<HostRow> host(String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(HOST + " WHERE name = :n")
                .bind("n", name)
                .map((rs, ctx) -> hostRow(rs))
                .findOne());
  }

  private static HostRow hostRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HostRow(
        rs.getString("name"),
        Instant.ofEpochMilli(rs.getLong("enrolled")),
        instant(rs, "last_seen"),
        Optional.ofNullable(rs.getString("inventory")),
        instant(rs, "revoked"));
  }

  /** The host a (hashed) token belongs to, if it is enrolled and not revoked. */
  Optional<String> hostForToken(String tokenHash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT name FROM hosts WHERE token_hash = :t")
                .bind("t", tokenHash)
                .mapTo(String.class)
                .findOne());
  }

  /** Records contact from {@code host}, with its inventory when it sent one. */
  void touch(String host, Instant now, Optional<String> inventory) {
    jdbi.useHandle(h -> touch(h, host, now, inventory));
  }

  private static void touch(Handle h, String host, Instant now, Optional<String> inventory) {
    h.createUpdate(
            "UPDATE hosts SET last_seen = :now"
                + (inventory.isPresent() ? ", inventory = :inv" : "")
                + " WHERE name = :n")
        .bind("n", host)
        .bind("now", now.toEpochMilli())
        .bind("inv", inventory.orElse(null))
        .execute();
  }

  // ---- reservations ------------------------------------------------------------------------

  /** One reservation of the replica: its JSON as the host sent it, and the indexed columns. */
  record Stored(
      UUID uuid,
      String host,
      long id,
      long version,
      String owner,
      Instant start,
      Instant end,
      Optional<Instant> released,
      String body) {}

  /**
   * Stores {@code r} unless the replica holds the same or a newer version; false then (or when the
   * uuid belongs to another host).
   */
  boolean upsert(Stored r, Instant now) {
    return jdbi.withHandle(h -> upsert(h, r, now));
  }

  private static boolean upsert(Handle h, Stored r, Instant now) {
    return h.createUpdate(
                "INSERT INTO reservations (uuid, host, id, version, owner, start_ms,"
                    + " end_ms, released_ms, body, received) VALUES (:uuid, :host, :id,"
                    + " :version, :owner, :start, :end, :released, :body, :now)"
                    + " ON CONFLICT (uuid) DO UPDATE SET id = :id, version = :version,"
                    + " owner = :owner, start_ms = :start, end_ms = :end,"
                    + " released_ms = :released, body = :body, received = :now"
                    + " WHERE reservations.version < :version AND reservations.host = :host")
            .bind("uuid", r.uuid().toString())
            .bind("host", r.host())
            .bind("id", r.id())
            .bind("version", r.version())
            .bind("owner", r.owner())
            .bind("start", r.start().toEpochMilli())
            .bind("end", r.end().toEpochMilli())
            .bind("released", r.released().map(Instant::toEpochMilli).orElse(null))
            .bind("body", r.body())
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /**
   * Stores each of {@code batch} (see {@link #upsert}) and {@code usage}, and records contact from
   * {@code host}, in one transaction; which reservations were stored. Recording the contact first
   * locks the host's row, so two pushes of one host (a retry meeting its first attempt on another
   * instance) are stored one after the other.
   */
  List<Stored> upsertAll(
      String host,
      List<Stored> batch,
      Instant now,
      Optional<String> inventory,
      List<UsageBucket> usage) {
    return jdbi.inTransaction(
        h -> {
          touch(h, host, now, inventory);
          this.usage.store(h, host, usage);
          List<Stored> stored = new java.util.ArrayList<>();
          for (Stored r : batch) {
            if (upsert(h, r, now)) {
              stored.add(r);
            }
          }
          return stored;
        });
  }

  /** What {@code GET /api/v1/reservations} asks for; every part optional. */
  record Filter(
      Optional<String> host,
      Optional<String> owner,
      Optional<Instant> from,
      Optional<Instant> to,
      boolean includeReleased) {}

  List<Stored> reservations(Filter f) {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
    f.host().ifPresent(x -> sql.append(" AND host = :host"));
    f.owner().ifPresent(x -> sql.append(" AND owner = :owner"));
    f.from().ifPresent(x -> sql.append(" AND end_ms > :from"));
    f.to().ifPresent(x -> sql.append(" AND start_ms < :to"));
    if (!f.includeReleased()) {
      sql.append(" AND released_ms IS NULL");
    }
    sql.append(" ORDER BY start_ms, host, id");
    return jdbi.withHandle(
        h -> {
          Query q = h.createQuery(sql.toString());
          f.host().ifPresent(x -> q.bind("host", x));
          f.owner().ifPresent(x -> q.bind("owner", x));
          f.from().ifPresent(x -> q.bind("from", x.toEpochMilli()));
          f.to().ifPresent(x -> q.bind("to", x.toEpochMilli()));
          return q.map((rs, ctx) -> stored(rs)).list();
        });
  }

  Optional<Stored> reservation(String host, long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE host = :host AND id = :id")
                .bind("host", host)
                .bind("id", id)
                .map((rs, ctx) -> stored(rs))
                .findFirst());
  }

  /** The reservations with these ids, in one query. */
  List<Stored> reservations(List<UUID> uuids) {
    if (uuids.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE uuid IN (<uuids>)")
                .bindList("uuids", uuids.stream().map(UUID::toString).toList())
                .map((rs, ctx) -> stored(rs))
                .list());
  }

  Optional<Stored> reservation(UUID uuid) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE uuid = :uuid")
                .bind("uuid", uuid.toString())
                .map((rs, ctx) -> stored(rs))
                .findFirst());
  }

  private static final String SELECT =
      "SELECT uuid, host, id, version, owner, start_ms, end_ms, released_ms, body FROM reservations";

  private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Stored(
        UUID.fromString(rs.getString("uuid")),
        rs.getString("host"),
        rs.getLong("id"),
        rs.getLong("version"),
        rs.getString("owner"),
        Instant.ofEpochMilli(rs.getLong("start_ms")),
        Instant.ofEpochMilli(rs.getLong("end_ms")),
        instant(rs, "released_ms"),
        rs.getString("body"));
  }

  // ---- sessions and login links ------------------------------------------------------------

  /** A web session: who, and the token every mutation must repeat in {@code X-CSRF-Token}. */
  record Session(String user, String csrf, Instant expires) {}

  void createSession(String idHash, String user, String csrf, Instant expires) {
    jdbi.useHandle(
        h -> {
          h.createUpdate("DELETE FROM sessions WHERE expires < :now")
              .bind("now", Instant.now().toEpochMilli())
              .execute();
          h.createUpdate(
                  "INSERT INTO sessions (id_hash, username, csrf, expires) VALUES (:i, :u, :c, :e)")
              .bind("i", idHash)
              .bind("u", user)
              .bind("c", csrf)
              .bind("e", expires.toEpochMilli())
              .execute();
        });
  }

  Optional<Session> session(String idHash, Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT username, csrf, expires FROM sessions WHERE id_hash = :i"
                        + " AND expires > :now")
                .bind("i", idHash)
                .bind("now", now.toEpochMilli())
                .map(
                    (rs, ctx) ->
                        new Session(
                            rs.getString("username"),
                            rs.getString("csrf"),
                            Instant.ofEpochMilli(rs.getLong("expires"))))
                .findOne());
  }

  void createLogin(String tokenHash, String user, String host, Instant expires) {
    jdbi.useHandle(
        h -> {
          h.createUpdate("DELETE FROM login_links WHERE expires < :old")
              .bind("old", expires.minusSeconds(86_400).toEpochMilli())
              .execute();
          h.createUpdate(
                  "INSERT INTO login_links (token_hash, username, host, expires)"
                      + " VALUES (:t, :u, :h, :e)")
              .bind("t", tokenHash)
              .bind("u", user)
              .bind("h", host)
              .bind("e", expires.toEpochMilli())
              .execute();
        });
  }

  /** What using a login link gave: the user it was made for, or why it does not log in. */
  sealed interface LoginUse {
    record LoggedIn(String user) implements LoginUse {}

    enum Refused implements LoginUse {
      UNKNOWN,
      USED,
      EXPIRED
    }
  }

  /** Uses a login link, once. */
  LoginUse useLogin(String tokenHash, Instant now) {
    return jdbi.inTransaction(
        h -> {
          int used =
              h.createUpdate(
                      "UPDATE login_links SET used = :now"
                          + " WHERE token_hash = :t AND used IS NULL AND expires > :now")
                  .bind("t", tokenHash)
                  .bind("now", now.toEpochMilli())
                  .execute();
          Optional<Object[]> row =
              h.createQuery("SELECT username, used, expires FROM login_links WHERE token_hash = :t")
                  .bind("t", tokenHash)
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getString("username"), rs.getObject("used"), rs.getLong("expires")
                          })
                  .findOne();
          if (used == 1) {
            return (LoginUse) new LoginUse.LoggedIn((String) row.orElseThrow()[0]);
          }
          if (row.isEmpty()) {
            return LoginUse.Refused.UNKNOWN;
          }
          return row.get()[1] != null ? LoginUse.Refused.USED : LoginUse.Refused.EXPIRED;
        });
  }

  // ---- requests from the web to hosts ------------------------------------------------------

  /** A request made on the web for {@code host}, and the host's answer once it came. */
  record HostRequest(
      long id,
      String host,
      String user,
      boolean admin,
      String line,
      Instant created,
      Optional<String> answer) {}

  long createRequest(String host, String user, boolean admin, String line, Instant now) {
    return jdbi.withHandle(
        h -> {
          // a day is plenty to look into a request; the table does not grow with the years
          h.createUpdate("DELETE FROM host_requests WHERE created < :old")
              .bind("old", now.minus(java.time.Duration.ofDays(1)).toEpochMilli())
              .execute();
          return h.createUpdate(
                  "INSERT INTO host_requests (host, username, admin, line, created)"
                      + " VALUES (:h, :u, :a, :l, :now)")
              .bind("h", host)
              .bind("u", user)
              .bind("a", admin)
              .bind("l", line)
              .bind("now", now.toEpochMilli())
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
        });
  }

  Optional<HostRequest> request(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(REQUEST + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> request(rs))
                .findOne());
  }

  /** Requests for {@code host} made since {@code since} and not answered yet, oldest first. */
  List<HostRequest> unanswered(String host, Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    REQUEST + " WHERE host = :h AND answer IS NULL AND created > :s ORDER BY id")
                .bind("h", host)
                .bind("s", since.toEpochMilli())
                .map((rs, ctx) -> request(rs))
                .list());
  }

  /** Records {@code host}'s answer to request {@code id}; false if not its request or answered. */
  boolean answer(long id, String host, String answer, Instant now) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE host_requests SET answer = :a, answered = :now"
                            + " WHERE id = :id AND host = :h AND answer IS NULL")
                    .bind("a", answer)
                    .bind("now", now.toEpochMilli())
                    .bind("id", id)
                    .bind("h", host)
                    .execute())
        == 1;
  }

  private static final String REQUEST =
      "SELECT id, host, username, admin, line, created, answer FROM host_requests";

  private static HostRequest request(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HostRequest(
        rs.getLong("id"),
        rs.getString("host"),
        rs.getString("username"),
        rs.getBoolean("admin"),
        rs.getString("line"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Optional.ofNullable(rs.getString("answer")));
  }

  // ---- calendar feeds ----------------------------------------------------------------------

  /** Gives {@code user} a new feed token (hashed here); the old one stops working. */
  void replaceFeed(String user, String tokenHash, Instant now) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM feeds WHERE username = :u").bind("u", user).execute();
          h.createUpdate("INSERT INTO feeds (token_hash, username, created) VALUES (:t, :u, :now)")
              .bind("t", tokenHash)
              .bind("u", user)
              .bind("now", now.toEpochMilli())
              .execute();
        });
  }

  /** Revokes {@code user}'s feed; false if there was none. */
  boolean revokeFeed(String user) {
    return jdbi.withHandle(
            h -> h.createUpdate("DELETE FROM feeds WHERE username = :u").bind("u", user).execute())
        == 1;
  }

  /** Whose feed a (hashed) token opens. */
  Optional<String> feedOwner(String tokenHash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT username FROM feeds WHERE token_hash = :t")
                .bind("t", tokenHash)
                .mapTo(String.class)
                .findOne());
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static Optional<Instant> instant(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  @Override
  public void close() {
    pool.close();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
