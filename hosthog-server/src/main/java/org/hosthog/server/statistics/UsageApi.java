package org.hosthog.server.statistics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.hosthog.api.Text;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;

/**
 * {@code GET /api/v1/usage?group_by=user|host|gpu&period=day|week|month&from=&to=}: the usage
 * statistics as JSON, or as CSV for {@code Accept: text/csv} (or {@code format=csv}, for a download
 * link). Without {@code from}/{@code to}: the current period and the three before it.
 */
public final class UsageApi {
  public static final List<String> CSV_HEADER =
      List.of(
          "period",
          "claimed_gpu_hours",
          "used_gpu_hours",
          "idle_claimed_gpu_hours",
          "unclaimed_gpu_hours",
          "busy_gpu_hours");

  private final UsageStatistics statistics;
  private final ZoneId zone;
  private final Clock clock;

  public UsageApi(FleetDb db, ZoneId zone, Clock clock) {
    this.statistics = new UsageStatistics(db, zone);
    this.zone = zone;
    this.clock = clock;
  }

  public void serve(Exchange x) {
    UsageStatistics.GroupBy by = choice(x, "group_by", UsageStatistics.GroupBy.class, "user");
    UsageStatistics.Period period = choice(x, "period", UsageStatistics.Period.class, "week");
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate to = x.query("to").map(t -> day("to", t)).orElse(today);
    LocalDate from =
        x.query("from").map(t -> day("from", t)).orElse(period.minus(period.start(to), 3));
    if (from.isAfter(to)) {
      throw ApiError.badRequest("'from' (" + from + ") is after 'to' (" + to + ")");
    }
    if (from.plusYears(20).isBefore(to)) {
      throw ApiError.badRequest("ask for at most 20 years at a time");
    }
    List<UsageStatistics.Row> rows = statistics.compute(by, period, from, to, now);
    boolean csv =
        x.query("format").map(f -> f.equals("csv")).orElse(false)
            || x.header("Accept").map(a -> a.contains("text/csv")).orElse(false);
    if (csv) {
      x.send(200, "text/csv; charset=utf-8", csv(by, rows));
    } else {
      x.json(200, json(by, rows).toString());
    }
  }

  private static <E extends Enum<E>> E choice(
      Exchange x, String name, Class<E> type, String fallback) {
    String text = x.query(name).orElse(fallback);
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed =
          java.util.Arrays.stream(type.getEnumConstants())
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .toList();
      throw ApiError.badRequest(
          "'"
              + name
              + "' must be one of "
              + String.join(", ", allowed)
              + "; got '"
              + Text.sanitize(text)
              + "'");
    }
  }

  /** A day such as {@code 2026-12-02}, or the day (in the server's zone) of an ISO-8601 time. */
  private LocalDate day(String name, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.ofInstant(OffsetDateTime.parse(text).toInstant(), zone);
      } catch (DateTimeParseException e2) {
        throw ApiError.badRequest(
            "'"
                + name
                + "' must be a day such as 2026-12-02 (or an ISO-8601 time with offset); got '"
                + Text.sanitize(text)
                + "'");
      }
    }
  }

  private static List<String> keyColumns(UsageStatistics.GroupBy by) {
    return switch (by) {
      case USER -> List.of("user");
      case HOST -> List.of("host");
      case GPU -> List.of("host", "gpu");
    };
  }

  private static List<String> keyValues(UsageStatistics.GroupBy by, UsageStatistics.Key k) {
    return switch (by) {
      case USER -> List.of(k.user());
      case HOST -> List.of(k.host());
      case GPU -> List.of(k.host(), Integer.toString(k.gpu()));
    };
  }

  public static JsonArray json(UsageStatistics.GroupBy by, List<UsageStatistics.Row> rows) {
    JsonArray a = new JsonArray();
    for (UsageStatistics.Row r : rows) {
      JsonObject o = new JsonObject();
      List<String> names = keyColumns(by);
      List<String> values = keyValues(by, r.key());
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals("gpu")) {
          o.addProperty("gpu", r.key().gpu());
        } else {
          o.addProperty(names.get(i), values.get(i));
        }
      }
      o.addProperty("period", r.period().toString());
      o.addProperty("claimed_gpu_hours", r.claimed());
      o.addProperty("used_gpu_hours", r.used());
      o.addProperty("idle_claimed_gpu_hours", r.idleClaimed());
      o.addProperty("unclaimed_gpu_hours", r.unclaimed());
      o.addProperty("busy_gpu_hours", r.busy());
      a.add(o);
    }
    return a;
  }

  public static String csv(UsageStatistics.GroupBy by, List<UsageStatistics.Row> rows) {
    StringBuilder s = new StringBuilder();
    line(s, concat(keyColumns(by), CSV_HEADER));
    for (UsageStatistics.Row r : rows) {
      line(
          s,
          concat(
              keyValues(by, r.key()),
              List.of(
                  r.period().toString(),
                  r.claimed().toPlainString(),
                  r.used().toPlainString(),
                  r.idleClaimed().toPlainString(),
                  r.unclaimed().toPlainString(),
                  r.busy().toPlainString())));
    }
    return s.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** One CSV record (RFC 4180); a cell a spreadsheet would run as a formula is quoted as text. */
  private static void line(StringBuilder s, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) {
        c = "'" + c;
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        c = "\"" + c.replace("\"", "\"\"") + "\"";
      }
      s.append(i == 0 ? "" : ",").append(c);
    }
    s.append("\r\n");
  }
}
