package org.hosthog.launcher.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hosthog.api.Claim;
import org.hosthog.api.Text;
import org.hosthog.text.Columns;
import org.hosthog.wire.ReservationView;

/**
 * Human-readable output: aligned tables and relative times ("in 5 min", "until Fri 15 Jan 23:59").
 *
 * <p>Times are shown at the offset the daemon sent, i.e. in the host's zone. Every text a user
 * typed is sanitised again here, whatever the daemon sent.
 */
final class Render {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter WEEKDAY_TIME =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter YEAR_DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

  /** A reservation as the daemon sent it, in display form. */
  record Row(
      long id,
      String owner,
      List<String> resources,
      String mode,
      OffsetDateTime start,
      OffsetDateTime end,
      String message,
      String state,
      String series) {}

  private final Clock clock;

  Render(Clock clock) {
    this.clock = clock;
  }

  static Render forTerminal() {
    return new Render(Clock.systemUTC());
  }

  static List<Row> rows(List<ReservationView> reservations) {
    return reservations.stream().map(Render::row).toList();
  }

  /** {@code r} for display; every text a user typed sanitised. */
  static Row row(ReservationView r) {
    List<String> resources = new ArrayList<>();
    List<String> modes = new ArrayList<>();
    for (Claim c : r.claims()) {
      resources.add(Text.sanitize(c.resource().text()));
      modes.add(c.mode().text());
    }
    String mode = modes.stream().distinct().count() == 1 ? modes.get(0) : "mixed";
    return new Row(
        r.id(),
        Text.sanitize(r.owner()),
        resources,
        mode,
        r.start(),
        r.end(),
        Text.sanitize(r.message()),
        r.state(),
        r.series().map(x -> " [" + x.index() + "/" + x.count() + "]").orElse(""));
  }

  /** An aligned table, or a line saying there is nothing. */
  String table(List<Row> rows) {
    if (rows.isEmpty()) {
      return "No reservations.";
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"ID", "OWNER", "RESOURCES", "MODE", "WHEN", "MESSAGE"});
    for (Row r : rows) {
      cells.add(
          new String[] {
            Long.toString(r.id()),
            r.owner(),
            String.join(" ", r.resources()),
            mode(r),
            when(r),
            r.message() + r.series()
          });
    }
    return align(cells);
  }

  /** The detail view of {@code hosthog show}. */
  String detail(ReservationView o) {
    Row r = row(o);
    StringBuilder s = new StringBuilder();
    s.append("Reservation ").append(r.id()).append(" (").append(r.state()).append(")\n");
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"  owner", r.owner()});
    List<String> claims = new ArrayList<>();
    for (Claim c : o.claims()) {
      claims.add(Text.sanitize(c.resource().text()) + " (" + c.mode().text() + ")");
    }
    fields.add(new String[] {"  resources", String.join(", ", claims)});
    fields.add(new String[] {"  when", when(r)});
    fields.add(new String[] {"  from", absolute(r.start())});
    fields.add(new String[] {"  until", end(r.end())});
    fields.add(new String[] {"  message", r.message()});
    if (o.series().isPresent()) {
      fields.add(new String[] {"  series", SeriesText.place(o)});
    }
    fields.add(new String[] {"  host", Text.sanitize(o.host())});
    fields.add(new String[] {"  uuid", o.uuid().toString()});
    s.append(align(fields)).append('\n');
    if (o.history().isPresent()) {
      s.append("History\n");
      List<String[]> lines = new ArrayList<>();
      for (ReservationView.HistoryEntry c : o.history().get()) {
        lines.add(
            new String[] {
              "  " + absolute(c.at()),
              Text.sanitize(c.actor()),
              Text.sanitize(c.kind()),
              times(Text.sanitize(c.detail()), c.at().getOffset())
            });
      }
      s.append(align(lines)).append('\n');
    }
    return s.toString().stripTrailing();
  }

  private static String mode(Row r) {
    boolean wholeHost = r.resources().contains("host");
    return wholeHost && r.mode().equals("exclusive") ? "EXCLUSIVE" : r.mode();
  }

  /**
   * "until Fri 15 Jan 23:59 (3 days left)", "in 5 min: 20:20 – 20:35", "Mon 30 Nov 09:00 – 18:00".
   */
  String when(Row r) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(r.start().getOffset());
    return switch (r.state()) {
      case "active" ->
          "now until " + end(r.end()) + " (" + span(Duration.between(now, r.end())) + " left)";
      case "planned" ->
          "in "
              + span(Duration.between(now, r.start()))
              + ": "
              + absolute(r.start())
              + " – "
              + end(r.end());
      default -> absolute(r.start()) + " – " + end(r.end()) + " (" + r.state() + ")";
    };
  }

  private static final java.util.regex.Pattern INSTANT =
      java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");

  /**
   * {@code text} (a history line the store keeps in UTC, "end 2026-12-04T15:29:04Z -> ...") with
   * each instant in the form the rest of the CLI uses, at {@code offset} (the host's).
   */
  String times(String text, java.time.ZoneOffset offset) {
    return INSTANT
        .matcher(text)
        .replaceAll(
            m -> {
              try {
                return absolute(java.time.Instant.parse(m.group()).atOffset(offset));
              } catch (java.time.format.DateTimeParseException e) {
                return m.group();
              }
            });
  }

  /** A moment, as short as is unambiguous from now. */
  String absolute(OffsetDateTime t) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(t.getOffset());
    long days = Math.abs(ChronoUnit.DAYS.between(now.toLocalDate(), t.toLocalDate()));
    if (days == 0) {
      return t.format(TIME);
    }
    if (days < 7 && t.isAfter(now)) {
      return t.format(WEEKDAY_TIME);
    }
    return t.getYear() == now.getYear() ? t.format(DATE_TIME) : t.format(YEAR_DATE_TIME);
  }

  /** An end at midnight is shown as 23:59 of the day before: "until Fri 15 Jan 23:59". */
  String end(OffsetDateTime t) {
    return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? absolute(t.minusMinutes(1)) : absolute(t);
  }

  static String span(Duration d) {
    long minutes = Math.max(0, (d.getSeconds() + 59) / 60);
    if (minutes < 1) {
      return "under a minute";
    }
    if (minutes < 90) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      long rest = minutes % 60;
      return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }
    return (hours + 12) / 24 + " days";
  }

  /** How long ago something was, for a person: "12 s ago", "3 min ago", "2 h 5 min ago". */
  static String ago(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    return seconds < 60 ? seconds + " s ago" : span(d.minusSeconds(59)) + " ago";
  }

  /** How many rows {@code list} shows unless told otherwise. */
  static final int LIST_LIMIT = 100;

  /**
   * What {@code hosthog list} prints: the table, a line saying how many more there are when it is
   * cut, and who waits for a claim.
   */
  static String listing(
      org.hosthog.wire.ReservationPage page, List<org.hosthog.wire.Waiter> waiting) {
    StringBuilder s = new StringBuilder(forTerminal().table(rows(page.reservations())));
    if (page.more() > 0) {
      s.append(System.lineSeparator())
          .append("… and ")
          .append(page.more())
          .append(" more (hosthog list --limit 0 shows them all)");
    }
    if (!waiting.isEmpty()) {
      s.append(System.lineSeparator()).append(waiting(waiting));
    }
    return s.toString();
  }

  /** Who waits for a claim, as {@code list} shows it under the table; empty when nobody does. */
  private static String waiting(List<org.hosthog.wire.Waiter> waiters) {
    if (waiters.isEmpty()) {
      return "";
    }
    List<String[]> rows = new java.util.ArrayList<>();
    for (org.hosthog.wire.Waiter w : waiters) {
      rows.add(
          new String[] {
            "  " + Text.sanitize(w.user()),
            "since " + String.format("%tR", w.since()),
            Text.sanitize(w.what())
          });
    }
    return "\nWaiting, first come first served (hosthog run --wait):\n" + align(rows);
  }

  static String align(List<String[]> rows) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] widths = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], width(r[i]));
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(widths[i] - width(r[i]) + 2));
        }
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.toString().stripTrailing();
  }

  /** Terminal columns of {@code s}: wide (CJK, emoji) characters take two. */
  static int width(String s) {
    return Columns.width(s);
  }
}
