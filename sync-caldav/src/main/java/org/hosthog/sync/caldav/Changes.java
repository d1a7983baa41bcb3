package org.hosthog.sync.caldav;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hosthog.api.Actor;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;

/**
 * How the calendar acts on the host's reservations: as the reservation's owner, marked "via
 * calendar"; a refusal (or an exception) as an outcome; and how an outcome and a time read in a
 * notice, in the host's zone.
 */
final class Changes {
  /** Marks changes the calendar made in the history and the announcements ("via calendar"). */
  static final String VIA = "calendar";

  private final ZoneId zone;

  Changes(ZoneId zone) {
    this.zone = zone;
  }

  /** The version of a reservation the calendar shows: its last change, in epoch milliseconds. */
  static long version(Reservation r) {
    return r.updated().toEpochMilli();
  }

  /** Acting as the reservation's owner, through the calendar. */
  static Actor owner(Reservation r) {
    return Actor.of(r.owner()).via(VIA);
  }

  /** The outcome of {@code change}; an exception is a refusal saying why. */
  static Outcome attempt(Supplier<Outcome> change) {
    try {
      return change.get();
    } catch (HosthogException e) {
      return new Outcome.Denied(Outcome.Reason.INVALID, e.getMessage());
    }
  }

  /** Why {@code o} did not grant: the conflicts, or the refusal's words. */
  String describe(Outcome o) {
    if (o instanceof Outcome.Conflict c) {
      return "conflicts with "
          + c.conflicts().stream()
              .map(
                  x ->
                      "reservation "
                          + x.id()
                          + " ("
                          + x.owner()
                          + ", "
                          + x.resourcesText()
                          + ", "
                          + span(x.start(), x.end())
                          + ")")
              .collect(Collectors.joining(", "));
    }
    return o instanceof Outcome.Denied d ? d.message() : "granted";
  }

  String span(Instant from, Instant to) {
    return time(from) + "–" + DateTimeFormatter.ofPattern("HH:mm").format(to.atZone(zone));
  }

  String time(Instant t) {
    return DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH)
        .format(t.atZone(zone));
  }
}
