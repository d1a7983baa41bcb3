package org.hosthog.server.database;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hosthog.wire.link.UsageBucket;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The usage part of the fleet database: the five-minute buckets hosts push (kept {@code
 * usage_raw_days}), and per day, host, GPU and user the sums of them (kept forever).
 *
 * <p>The day table is kept equal to the sum of every bucket ever stored: storing a bucket adds the
 * difference to what the same bucket held before, so a bucket pushed twice counts once, and pruning
 * old buckets leaves the days alone. Thread-safe.
 */
public final class UsageStore {
  private final Jdbi jdbi;
  private final ZoneId zone;

  public UsageStore(Jdbi jdbi, ZoneId zone) {
    this.jdbi = jdbi;
    this.zone = zone;
  }

  /** Schema version 4 ({@link #addBusy} adds to it). */
  static void createSchema(Handle h) {
    String times =
        " used_ms BIGINT NOT NULL, idle_ms BIGINT NOT NULL, unclaimed_ms BIGINT NOT NULL";
    h.execute(
        "CREATE TABLE usage_buckets (host TEXT NOT NULL, start_ms BIGINT NOT NULL,"
            + " gpu INTEGER NOT NULL, username TEXT NOT NULL,"
            + times
            + ", PRIMARY KEY (host, start_ms, gpu, username))");
    h.execute("CREATE INDEX usage_buckets_start ON usage_buckets (start_ms)");
    h.execute(
        "CREATE TABLE usage_daily (day TEXT NOT NULL, host TEXT NOT NULL, gpu INTEGER NOT NULL,"
            + " username TEXT NOT NULL,"
            + times
            + ", PRIMARY KEY (day, host, gpu, username))");
    h.execute(
        "CREATE TABLE usage_hosts (host TEXT NOT NULL, start_ms BIGINT NOT NULL,"
            + " sampled_ms BIGINT NOT NULL, load_avg DOUBLE PRECISION NOT NULL,"
            + " sessions TEXT NOT NULL, PRIMARY KEY (host, start_ms))");
    h.execute("CREATE INDEX usage_hosts_start ON usage_hosts (start_ms)");
  }

  /** Schema version 7: the used time weighted by utilisation; 0 for what came before. */
  static void addBusy(Handle h) {
    h.execute("ALTER TABLE usage_buckets ADD COLUMN busy_ms BIGINT NOT NULL DEFAULT 0");
    h.execute("ALTER TABLE usage_daily ADD COLUMN busy_ms BIGINT NOT NULL DEFAULT 0");
  }

  /** The day (in the server's zone) a bucket belongs to; a bucket never straddles midnight. */
  public LocalDate day(Instant start) {
    return LocalDate.ofInstant(start, zone);
  }

  /**
   * Stores {@code host}'s buckets in the caller's transaction, each replacing what a bucket with
   * the same start held.
   */
  public void store(Handle h, String host, List<UsageBucket> buckets) {
    for (UsageBucket b : buckets) {
      store(h, host, b);
    }
  }

  private record Key(int gpu, String user) {}

  private record Times(long used, long idle, long unclaimed, long busy) {
    public static final Times ZERO = new Times(0, 0, 0, 0);

    public Times minus(Times o) {
      return new Times(used - o.used, idle - o.idle, unclaimed - o.unclaimed, busy - o.busy);
    }
  }

  private void store(Handle h, String host, UsageBucket b) {
    long start = b.start().toEpochMilli();
    Map<Key, Times> before = new HashMap<>();
    h.createQuery(
            "SELECT gpu, username, used_ms, idle_ms, unclaimed_ms, busy_ms FROM usage_buckets"
                + " WHERE host = :h AND start_ms = :s")
        .bind("h", host)
        .bind("s", start)
        .map(
            (rs, ctx) ->
                before.put(
                    new Key(rs.getInt("gpu"), rs.getString("username")),
                    new Times(
                        rs.getLong("used_ms"),
                        rs.getLong("idle_ms"),
                        rs.getLong("unclaimed_ms"),
                        rs.getLong("busy_ms"))))
        .list();
    Map<Key, Times> after = new HashMap<>();
    b.gpus()
        .forEach(
            r ->
                after.put(
                    new Key(r.gpu(), r.user()),
                    new Times(r.usedMs(), r.idleMs(), r.unclaimedMs(), r.busyMs())));
    if (!before.equals(after)) {
      h.createUpdate("DELETE FROM usage_buckets WHERE host = :h AND start_ms = :s")
          .bind("h", host)
          .bind("s", start)
          .execute();
      var insert =
          h.prepareBatch(
              "INSERT INTO usage_buckets (host, start_ms, gpu, username, used_ms, idle_ms,"
                  + " unclaimed_ms, busy_ms) VALUES (:h, :s, :g, :u, :used, :idle, :unclaimed,"
                  + " :busy)");
      after.forEach((k, t) -> bindTimes(insert.bind("h", host).bind("s", start), k, t).add());
      if (!after.isEmpty()) {
        insert.execute();
      }
      addToDay(h, host, day(b.start()), before, after);
    }
    h.createUpdate(
            "INSERT INTO usage_hosts (host, start_ms, sampled_ms, load_avg, sessions)"
                + " VALUES (:h, :s, :sampled, :load, :sessions) ON CONFLICT (host, start_ms)"
                + " DO UPDATE SET sampled_ms = :sampled, load_avg = :load, sessions = :sessions")
        .bind("h", host)
        .bind("s", start)
        .bind("sampled", b.sampled().toMillis())
        .bind("load", b.load())
        .bind("sessions", String.join(" ", new java.util.TreeSet<>(b.sessions())))
        .execute();
  }

  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindTimes(
      T statement, Key k, Times t) {
    return statement
        .bind("g", k.gpu())
        .bind("u", k.user())
        .bind("used", t.used())
        .bind("idle", t.idle())
        .bind("unclaimed", t.unclaimed())
        .bind("busy", t.busy());
  }

  /** Adds the difference between a bucket's new and old rows to its day. */
  private static void addToDay(
      Handle h, String host, LocalDate day, Map<Key, Times> before, Map<Key, Times> after) {
    Set<Key> keys = new HashSet<>(before.keySet());
    keys.addAll(after.keySet());
    var add =
        h.prepareBatch(
            "INSERT INTO usage_daily (day, host, gpu, username, used_ms, idle_ms, unclaimed_ms,"
                + " busy_ms) VALUES (:d, :h, :g, :u, :used, :idle, :unclaimed, :busy)"
                + " ON CONFLICT (day, host, gpu, username) DO UPDATE SET"
                + " used_ms = usage_daily.used_ms + :used,"
                + " idle_ms = usage_daily.idle_ms + :idle,"
                + " unclaimed_ms = usage_daily.unclaimed_ms + :unclaimed,"
                + " busy_ms = usage_daily.busy_ms + :busy");
    for (Key k : keys) {
      Times delta = after.getOrDefault(k, Times.ZERO).minus(before.getOrDefault(k, Times.ZERO));
      if (!delta.equals(Times.ZERO)) {
        bindTimes(add.bind("d", day.toString()).bind("h", host), k, delta).add();
      }
    }
    if (add.size() > 0) {
      add.execute();
    }
  }

  /** One day of one GPU for one user: the sums of that day's buckets. */
  public record Day(
      LocalDate day,
      String host,
      int gpu,
      String user,
      long usedMs,
      long idleMs,
      long unclaimedMs,
      long busyMs) {}

  /** The days from {@code from} up to and including {@code to}. */
  public List<Day> days(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT day, host, gpu, username, used_ms, idle_ms, unclaimed_ms, busy_ms"
                        + " FROM usage_daily WHERE day >= :f AND day <= :t")
                .bind("f", from.toString())
                .bind("t", to.toString())
                .map(
                    (rs, ctx) ->
                        new Day(
                            LocalDate.parse(rs.getString("day")),
                            rs.getString("host"),
                            rs.getInt("gpu"),
                            rs.getString("username"),
                            rs.getLong("used_ms"),
                            rs.getLong("idle_ms"),
                            rs.getLong("unclaimed_ms"),
                            rs.getLong("busy_ms")))
                .list());
  }

  /**
   * The latest bucket of each host since {@code since}: GPUs used, idle, unclaimed (for /metrics).
   */
  public record Latest(String host, Instant start, int gpusUsed, int gpusIdle, int gpusUnclaimed) {}

  public List<Latest> latest(Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT b.host, b.start_ms,"
                        + " COUNT(DISTINCT CASE WHEN b.used_ms > 0 THEN b.gpu END) AS used,"
                        + " COUNT(DISTINCT CASE WHEN b.idle_ms > 0 THEN b.gpu END) AS idle,"
                        + " COUNT(DISTINCT CASE WHEN b.unclaimed_ms > 0 THEN b.gpu END) AS unclaimed"
                        + " FROM usage_buckets b JOIN (SELECT host, MAX(start_ms) AS start_ms"
                        + " FROM usage_hosts WHERE start_ms >= :since GROUP BY host) l"
                        + " ON b.host = l.host AND b.start_ms = l.start_ms"
                        + " GROUP BY b.host, b.start_ms")
                .bind("since", since.toEpochMilli())
                .map(
                    (rs, ctx) ->
                        new Latest(
                            rs.getString("host"),
                            Instant.ofEpochMilli(rs.getLong("start_ms")),
                            rs.getInt("used"),
                            rs.getInt("idle"),
                            rs.getInt("unclaimed")))
                .list());
  }

  /** The latest load average of each host since {@code since}. */
  public Map<String, Double> latestLoad(Instant since) {
    Map<String, Double> out = new java.util.TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT u.host, u.load_avg FROM usage_hosts u JOIN (SELECT host,"
                        + " MAX(start_ms) AS start_ms FROM usage_hosts WHERE start_ms >= :since"
                        + " GROUP BY host) l ON u.host = l.host AND u.start_ms = l.start_ms")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> out.put(rs.getString("host"), rs.getDouble("load_avg")))
                .list());
    return out;
  }

  /** Deletes buckets that started before {@code before}; the days keep their sums. */
  public int prune(Instant before) {
    return jdbi.inTransaction(
        h -> {
          int n =
              h.createUpdate("DELETE FROM usage_buckets WHERE start_ms < :b")
                  .bind("b", before.toEpochMilli())
                  .execute();
          h.createUpdate("DELETE FROM usage_hosts WHERE start_ms < :b")
              .bind("b", before.toEpochMilli())
              .execute();
          return n;
        });
  }

  /** Row counts, for the benchmark's bytes-per-host figures. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    jdbi.useHandle(
        h -> {
          for (String t : List.of("usage_buckets", "usage_daily", "usage_hosts")) {
            out.put(t, h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one());
          }
        });
    return out;
  }
}
