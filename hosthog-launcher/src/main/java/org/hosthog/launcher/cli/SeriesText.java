package org.hosthog.launcher.cli;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.hosthog.api.Series;
import org.hosthog.wire.Granted;
import org.hosthog.wire.ReservationView;

/**
 * A series in words: {@code gpu:0-3 (exclusive) every Tue 14:00–16:00, 12 times from Tue 8 Dec as
 * reservations 41 to 52}.
 */
final class SeriesText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private SeriesText() {}

  /** What a series request made or changed, {@code occurrences} earliest first. */
  static String summary(List<ReservationView> occurrences) {
    ReservationView first = occurrences.get(0);
    Render.Row row = Render.row(first);
    int n = occurrences.size();
    long last = occurrences.get(n - 1).id();
    return String.join(" ", row.resources())
        + " ("
        + row.mode()
        + ") "
        + rule(first)
        + ", "
        + (n == 1 ? "once on " : n + " times from ")
        + first.start().format(DAY)
        + (n == 1
            ? " as reservation " + first.id()
            : " as reservations " + first.id() + " to " + last);
  }

  /** E.g. {@code every Tue 14:00–16:00}, in the host's time. */
  static String rule(ReservationView r) {
    return r.series()
        .orElseThrow()
        .rule(r.start().getOffset(), r.start().toInstant(), r.end().toInstant());
  }

  /** {@code show}'s line: {@code every Tue 14:00–16:00, 3 of 12 (series 5f0c…)}. */
  static String place(ReservationView r) {
    Series s = r.series().orElseThrow();
    return rule(r) + ", " + s.place() + " (series " + s.id() + ")";
  }

  /** An occurrence not made: {@code Tue 15 Dec 14:00 (reservation 7 of bob is in the way)}. */
  static String skipped(Granted.Skipped s) {
    List<String> inTheWay =
        s.conflicts().stream()
            .map(r -> "reservation " + r.id() + " of " + Render.row(r).owner())
            .toList();
    return s.start().format(DAY_TIME)
        + " ("
        + String.join(", ", inTheWay)
        + (inTheWay.size() == 1 ? " is" : " are")
        + " in the way)";
  }
}
