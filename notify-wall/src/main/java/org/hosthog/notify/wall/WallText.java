package org.hosthog.notify.wall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hosthog.api.Reservation;
import org.hosthog.api.Text;

/**
 * The pieces wall messages are made of: who ("alice (via calendar)"), what ("the whole host
 * EXCLUSIVELY", "gpu:0-3 (shared)"), when ("14:00–16:00 (in 5 min)", times of another day with it)
 * in the host's zone, and the last step: control characters out.
 */
final class WallText {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final ZoneId zone;

  WallText(ZoneId zone) {
    this.zone = zone;
  }

  /** Who made a change, and through what when it was not them directly: "alice (via calendar)". */
  static String label(String who, Optional<String> via) {
    return who + via.map(v -> " (via " + v + ")").orElse("");
  }

  static String despite(List<Reservation> overridden) {
    if (overridden.isEmpty()) {
      return "";
    }
    return " despite "
        + overridden.stream()
            .map(o -> o.owner() + "'s " + o.resourcesText() + " (" + o.id() + ")")
            .collect(Collectors.joining(", "));
  }

  static boolean wholeHostExclusive(Reservation r) {
    return r.claims().stream().anyMatch(c -> c.isWholeHost() && c.isExclusive());
  }

  static String what(Reservation r) {
    if (wholeHostExclusive(r)) {
      return "the whole host EXCLUSIVELY";
    }
    return r.claims().stream()
        .map(
            c ->
                c.isWholeHost()
                    ? "the host (shared)"
                    : c.resource().text() + (c.isExclusive() ? "" : " (shared)"))
        .collect(Collectors.joining(", "));
  }

  String span(Reservation r, Instant now) {
    if (!r.start().isAfter(now)) {
      return "until " + end(r.end(), now);
    }
    return time(r.start(), now) + "–" + end(r.end(), now) + " (in " + minutes(r.start(), now) + ")";
  }

  String time(Instant t, Instant now) {
    ZonedDateTime z = t.atZone(zone);
    return z.toLocalDate().equals(now.atZone(zone).toLocalDate())
        ? TIME.format(z)
        : DAY_TIME.format(z);
  }

  String end(Instant t, Instant now) {
    ZonedDateTime z = t.atZone(zone);
    return z.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? time(t.minusSeconds(60), now)
        : time(t, now);
  }

  static String minutes(Instant t, Instant now) {
    long min = Math.max(0, (Duration.between(now, t).getSeconds() + 59) / 60);
    if (min < 90) {
      return min + " min";
    }
    long hours = min / 60;
    return hours < 48 ? hours + " h" : (hours + 12) / 24 + " days";
  }

  static String clean(String text) {
    return Text.sanitize(text);
  }
}
