package org.hosthog.server.database;

import org.hosthog.api.HosthogException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The fleet database's tables, version by version. The same SQL runs on SQLite and PostgreSQL
 * (times are epoch milliseconds, JSON is text); only the auto-increment differs.
 */
final class Schema {
  /** The schema version this code writes; a newer database is refused. */
  static final int SCHEMA_VERSION = 8;

  private final Jdbi jdbi;
  private final boolean postgres;
  private final String where;

  Schema(Jdbi jdbi, boolean postgres, String where) {
    this.jdbi = jdbi;
    this.postgres = postgres;
    this.where = where;
  }

  /** Creates the tables, or migrates older ones, in one transaction; refuses a newer schema. */
  public void migrate() {
    Schema db = this;
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
            if (version < 5) {
              createV5(h);
              h.execute("INSERT INTO schema_version (version) VALUES (5)");
            }
            if (version < 6) {
              createV6(h);
              h.execute("INSERT INTO schema_version (version) VALUES (6)");
            }
            if (version < 7) {
              UsageStore.addBusy(h);
              Hosts.addGpuLoads(h);
              h.execute("INSERT INTO schema_version (version) VALUES (7)");
            }
            if (version < 8) {
              ReplicaRows.addClaims(h);
              h.execute("INSERT INTO schema_version (version) VALUES (8)");
            }
          });
    } catch (org.jdbi.v3.core.ConnectionException e) {
      throw new HosthogException(
          "cannot connect to the fleet database "
              + db.where
              + ": "
              + FleetDb.rootMessage(e)
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

  /**
   * Version 5: a session remembers the host whose login link started it (none for a trusted proxy's
   * header), so revoking a host ends the sessions it vouched for.
   */
  private static void createV5(Handle h) {
    h.execute("ALTER TABLE sessions ADD COLUMN host TEXT");
  }

  /**
   * Version 6: a web request says whether the host it is for vouched for its user (their login link
   * came from that host), so a login minted by one host never grants another host's admin groups.
   */
  private static void createV6(Handle h) {
    h.execute("ALTER TABLE host_requests ADD COLUMN vouched_here BOOLEAN NOT NULL DEFAULT TRUE");
  }
}
