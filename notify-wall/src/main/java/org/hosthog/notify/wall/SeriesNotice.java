package org.hosthog.notify.wall;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;

/** The one message for a whole series made, changed or released by one request. */
final class SeriesNotice {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private SeriesNotice() {}

  /**
   * A series once, e.g. {@code hosthog: alice claimed gpu:0-3 every Tue 14:00–16:00, 12 times from
   * Tue 8 Dec: "course" — hosthog show 41}.
   */
  static Broadcast of(HostEvent.SeriesChanged e, ZoneId zone) {
    Reservation first = e.reservation();
    int n = e.occurrences().size();
    String who =
        e.actor().equals(first.owner())
            ? WallText.label(first.owner(), e.via())
            : WallText.label(e.actor(), e.via()) + " (for " + first.owner() + ")";
    String verb =
        switch (e.kind()) {
          case CREATED -> " claimed ";
          case CHANGED -> " changed ";
          case RELEASED -> first.start().isAfter(e.at()) ? " cancelled " : " released ";
        };
    return new Broadcast(
        WallText.clean(
            "hosthog: "
                + who
                + verb
                + WallText.what(first)
                + " "
                + first.series().orElseThrow().rule(zone, first.start(), first.end())
                + ", "
                + (n == 1 ? "once on " : n + " times from ")
                + DAY.format(first.start().atZone(zone))
                + (e.kind() == HostEvent.SeriesChanged.Kind.RELEASED
                    ? ""
                    : ": \"" + first.message() + "\"")
                + " — hosthog show "
                + first.id()),
        Broadcast.Audience.ROUTINE,
        first.owner());
  }
}
