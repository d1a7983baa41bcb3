package org.hosthog.server.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.database.UsageStore;
import org.hosthog.wire.Codec;

/**
 * Usage statistics per user, host or GPU and per day, week or month: <em>claimed</em> GPU-hours
 * from the reservations (a claim still running counts up to now), <em>used</em> GPU-hours from the
 * hosts' samples (a process on the GPU), <em>idle claimed</em> (claimed, no process) and
 * <em>unclaimed</em> use (a process on a GPU nobody claimed) and <em>busy</em> (used, weighted by
 * the GPU's utilisation: an hour at 25 % is a quarter of a busy hour) from the same samples.
 *
 * <p>Days are the server's ({@code [server] time_zone}); weeks start on Monday; a period is named
 * by its first day. Used and unclaimed time belong to the process's user, claimed and idle time to
 * the reservation's owner.
 */
public final class UsageStatistics {
  private static final double MS_PER_HOUR = 3_600_000.0;

  public enum GroupBy {
    USER,
    HOST,
    GPU
  }

  public enum Period {
    DAY,
    WEEK,
    MONTH;

    /** The first day of the period {@code day} is in. */
    public LocalDate start(LocalDate day) {
      return switch (this) {
        case DAY -> day;
        case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> day.withDayOfMonth(1);
      };
    }

    public LocalDate minus(LocalDate start, int n) {
      return switch (this) {
        case DAY -> start.minusDays(n);
        case WEEK -> start.minusWeeks(n);
        case MONTH -> start.minusMonths(n);
      };
    }
  }

  /** What a row is about: a user, a host, or one GPU of a host (the parts not grouped by empty). */
  public record Key(String user, String host, int gpu) implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::user).thenComparing(Key::host).thenComparingInt(Key::gpu);

    public static Key of(GroupBy by, String user, String host, int gpu) {
      return switch (by) {
        case USER -> new Key(user, "", -1);
        case HOST -> new Key("", host, -1);
        case GPU -> new Key("", host, gpu);
      };
    }

    @Override
    public int compareTo(Key o) {
      return ORDER.compare(this, o);
    }
  }

  /** One row: GPU-hours in {@code period} (named by its first day), rounded to 3 decimals. */
  public record Row(
      Key key,
      LocalDate period,
      BigDecimal claimed,
      BigDecimal used,
      BigDecimal idleClaimed,
      BigDecimal unclaimed,
      BigDecimal busy) {}

  private static final class Sums {
    long claimed;
    long used;
    long idle;
    long unclaimed;
    long busy;
  }

  private final FleetDb db;
  private final ZoneId zone;
  private final Codec codec = new Codec();

  public UsageStatistics(FleetDb db, ZoneId zone) {
    this.db = db;
    this.zone = zone;
  }

  /** The rows for the days {@code from} to {@code to} (both included), as of {@code now}. */
  public List<Row> compute(GroupBy by, Period period, LocalDate from, LocalDate to, Instant now) {
    Map<LocalDate, Map<Key, Sums>> table = new TreeMap<>();
    addClaims(table, by, period, from, to, now);
    for (UsageStore.Day d : db.usage().days(from, to)) {
      Sums s = sums(table, period.start(d.day()), Key.of(by, d.user(), d.host(), d.gpu()));
      s.used += d.usedMs();
      s.idle += d.idleMs();
      s.unclaimed += d.unclaimedMs();
      s.busy += d.busyMs();
    }
    List<Row> rows = new ArrayList<>();
    table.forEach(
        (p, keys) ->
            keys.forEach(
                (k, s) ->
                    rows.add(
                        new Row(
                            k,
                            p,
                            hours(s.claimed),
                            hours(s.used),
                            hours(s.idle),
                            hours(s.unclaimed),
                            hours(s.busy)))));
    return rows;
  }

  private void addClaims(
      Map<LocalDate, Map<Key, Sums>> table,
      GroupBy by,
      Period period,
      LocalDate from,
      LocalDate to,
      Instant now) {
    Instant windowStart = from.atStartOfDay(zone).toInstant();
    Instant windowEnd = min(to.plusDays(1).atStartOfDay(zone).toInstant(), now);
    if (!windowStart.isBefore(windowEnd)) {
      return;
    }
    Map<String, List<Integer>> gpusOf = gpusByHost();
    List<ReplicaRows.Stored> claims =
        db.replica()
            .reservations(
                new ReplicaRows.Filter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(windowStart),
                    Optional.of(windowEnd),
                    true));
    for (ReplicaRows.Stored r : claims) {
      Instant end = min(min(r.end(), r.released().orElse(r.end())), windowEnd);
      Instant start = r.start().isBefore(windowStart) ? windowStart : r.start();
      if (!start.isBefore(end)) {
        continue;
      }
      for (int gpu : gpusOf.getOrDefault(r.host(), List.of())) {
        if (r.claims().stream().anyMatch(c -> c.holdsGpu(gpu))) {
          addByDay(table, period, Key.of(by, r.owner(), r.host(), gpu), start, end);
        }
      }
    }
  }

  /** Adds the span {@code [start, end)} to the days it covers. */
  private void addByDay(
      Map<LocalDate, Map<Key, Sums>> table, Period period, Key key, Instant start, Instant end) {
    Instant t = start;
    while (t.isBefore(end)) {
      LocalDate day = LocalDate.ofInstant(t, zone);
      Instant next = min(day.plusDays(1).atStartOfDay(zone).toInstant(), end);
      sums(table, period.start(day), key).claimed += Duration.between(t, next).toMillis();
      t = next;
    }
  }

  private Map<String, List<Integer>> gpusByHost() {
    Map<String, List<Integer>> out = new java.util.HashMap<>();
    for (Hosts.HostRow h : db.hosts().all()) {
      h.inventory()
          .ifPresent(
              inv ->
                  out.put(
                      h.name(),
                      codec.decodeInventory(inv).gpus().stream()
                          .map(org.hosthog.api.Gpu::index)
                          .toList()));
    }
    return out;
  }

  private static Sums sums(Map<LocalDate, Map<Key, Sums>> table, LocalDate period, Key key) {
    return table
        .computeIfAbsent(period, p -> new TreeMap<>())
        .computeIfAbsent(key, k -> new Sums());
  }

  private static BigDecimal hours(long ms) {
    return BigDecimal.valueOf(ms / MS_PER_HOUR).setScale(3, RoundingMode.HALF_UP);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
