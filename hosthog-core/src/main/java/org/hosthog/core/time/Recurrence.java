package org.hosthog.core.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.Series;
import org.hosthog.api.Text;

/**
 * How a series of claims repeats ({@code hosthog claim ... --every}): every day, every weekday
 * (Monday to Friday), every week, every N days or every N weeks.
 *
 * <p>Occurrences keep their wall-clock time in the host's zone across daylight-saving changes
 * (14:00 stays 14:00); a time that falls into a gap moves forward by the gap, as {@link
 * TimeGrammar} reads times. A series is bounded: at most {@link #MAX_OCCURRENCES} occurrences and
 * none starting more than a year after the first. Immutable and thread-safe.
 *
 * @param unit what one step is
 * @param step how many units between two occurrences (1 for {@link Unit#WEEKDAY})
 */
public record Recurrence(Unit unit, int step) {
  /** What {@code --every} counts in. */
  public enum Unit {
    DAY,
    WEEKDAY,
    WEEK
  }

  /** The most occurrences one series may have. */
  public static final int MAX_OCCURRENCES = 100;

  /** Examples shown when {@code --every} is not understood. */
  public static final String EXAMPLES = "day, weekday, week, 2d, 2w";

  private static final Pattern N_UNITS = Pattern.compile("(\\d{1,4})([dw])");

  public Recurrence {
    Objects.requireNonNull(unit, "unit");
    if (step < 1 || (unit == Unit.WEEKDAY && step != 1)) {
      throw new IllegalArgumentException("step " + step + " for " + unit);
    }
  }

  /**
   * Reads {@code --every}'s word: {@code day}, {@code weekday}, {@code week}, {@code Nd}, {@code
   * Nw}.
   */
  public static Recurrence parse(String text) {
    String t = Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "day", "daily", "1d":
        return new Recurrence(Unit.DAY, 1);
      case "weekday", "weekdays":
        return new Recurrence(Unit.WEEKDAY, 1);
      case "week", "weekly", "1w":
        return new Recurrence(Unit.WEEK, 1);
      default:
        break;
    }
    Matcher m = N_UNITS.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      if (n == 0) {
        throw new InvalidInputException(
            "--every " + t + " repeats nothing: give at least 1d or 1w (e.g. --every 2d)");
      }
      return new Recurrence(m.group(2).equals("d") ? Unit.DAY : Unit.WEEK, n);
    }
    throw new InvalidInputException(
        "'--every "
            + Text.sanitize(text)
            + "' is not understood: give "
            + EXAMPLES
            + " (e.g. --every week)");
  }

  /**
   * The starts of the occurrences: the first at {@code first} (for {@code weekday}: the first
   * weekday on or after it), then one a period, until {@code count} of them or the last that starts
   * on or before the day {@code through}. Exactly one of the two bounds must be given.
   *
   * @throws InvalidInputException for a missing, doubled or empty bound, or beyond the bounds of a
   *     series (naming them); nothing is made then
   */
  public List<ZonedDateTime> starts(
      ZonedDateTime first, OptionalInt count, Optional<LocalDate> through) {
    if (count.isPresent() == through.isPresent()) {
      throw new InvalidInputException(
          "a series needs one end: give --count N (e.g. --count 12) or --through DATE (e.g."
              + " --through 2027-03-31), not both");
    }
    if (count.isPresent() && count.getAsInt() < 1) {
      throw new InvalidInputException(
          "--count takes how many occurrences, from 1 (e.g. --count 12)");
    }
    if (count.isPresent() && count.getAsInt() > MAX_OCCURRENCES) {
      throw tooMany("--count " + count.getAsInt());
    }
    LocalDate lastDay = first.toLocalDate().plusYears(1);
    if (through.isPresent() && through.get().isBefore(first.toLocalDate())) {
      throw new InvalidInputException(
          "--through "
              + through.get()
              + " is before the first occurrence ("
              + first.toLocalDate()
              + ")");
    }
    if (through.isPresent() && through.get().isAfter(lastDay)) {
      throw new InvalidInputException(
          "a series reaches at most one year ahead: --through "
              + through.get()
              + " is after "
              + lastDay
              + "; choose an earlier date");
    }
    List<ZonedDateTime> starts = new ArrayList<>();
    for (LocalDate day = firstDay(first.toLocalDate()); ; day = next(day)) {
      if (count.isPresent() ? starts.size() == count.getAsInt() : day.isAfter(through.get())) {
        return starts;
      }
      if (starts.size() == MAX_OCCURRENCES) {
        throw tooMany("--through " + through.orElseThrow());
      }
      if (day.isAfter(lastDay)) {
        throw new InvalidInputException(
            "a series reaches at most one year ahead: "
                + count.getAsInt()
                + " occurrences "
                + describe(first)
                + " would go past "
                + lastDay
                + "; ask for fewer");
      }
      starts.add(ZonedDateTime.of(day, first.toLocalTime(), first.getZone()));
    }
  }

  /**
   * Refuses occurrences of {@code length} that would overlap the next one (a claim longer than the
   * period).
   */
  public void requireApart(List<ZonedDateTime> starts, Duration length) {
    for (int i = 1; i < starts.size(); i++) {
      if (starts.get(i - 1).plus(length).isAfter(starts.get(i))) {
        throw new InvalidInputException(
            "each occurrence must end before the next starts: "
                + org.hosthog.text.Spans.text(length)
                + " is longer than the time from "
                + starts.get(i - 1).toLocalDate()
                + " to "
                + starts.get(i).toLocalDate()
                + "; give a shorter --for or a longer --every");
      }
    }
  }

  /**
   * How people read the rule, e.g. {@code every Tue}, {@code every weekday}, {@code every 2 weeks
   * on Mon}.
   */
  public String describe(ZonedDateTime first) {
    return Series.describe(text(), first.getDayOfWeek());
  }

  /** The rule in {@code --every}'s shortest words: {@code day}, {@code weekday}, {@code 2w}... */
  public String text() {
    return switch (unit) {
      case DAY -> step == 1 ? "day" : step + "d";
      case WEEKDAY -> "weekday";
      case WEEK -> step == 1 ? "week" : step + "w";
    };
  }

  /** The rule as iCalendar writes it (RFC 5545 RRULE, without the bound). */
  public String rrule() {
    return Series.rrule(text());
  }

  private LocalDate firstDay(LocalDate day) {
    return unit == Unit.WEEKDAY && weekend(day) ? next(day) : day;
  }

  private LocalDate next(LocalDate day) {
    return switch (unit) {
      case DAY -> day.plusDays(step);
      case WEEK -> day.plusWeeks(step);
      case WEEKDAY -> {
        LocalDate d = day.plusDays(1);
        while (weekend(d)) {
          d = d.plusDays(1);
        }
        yield d;
      }
    };
  }

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static InvalidInputException tooMany(String asked) {
    return new InvalidInputException(
        "a series has at most "
            + MAX_OCCURRENCES
            + " occurrences, and "
            + asked
            + " asks for more; make it shorter or claim it in parts");
  }
}
