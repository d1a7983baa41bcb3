package org.hosthog.core.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Reservation;
import org.hosthog.api.SeriesRequest;
import org.hosthog.core.time.Recurrence;

/**
 * Where a series' occurrences go on the host's calendar: each keeps the first's wall-clock start
 * and end, and a change of "this and later ones" moves each by the same wall-clock time.
 */
final class SeriesTimes {
  private final ZoneId zone;

  SeriesTimes(ZoneId zone) {
    this.zone = zone;
  }

  /** One occurrence's span. */
  record Slot(Instant start, Instant end) {}

  /** Where each occurrence goes: the first's wall-clock start and end, repeated by the rule. */
  List<Slot> slots(Recurrence rule, Instant start, Instant end, SeriesRequest request) {
    ZonedDateTime first = start.atZone(zone);
    LocalDateTime from = first.toLocalDateTime();
    Duration wallClock = Duration.between(from, end.atZone(zone).toLocalDateTime());
    List<ZonedDateTime> starts = rule.starts(first, request.count(), request.through());
    rule.requireApart(starts, Duration.between(start, end));
    return starts.stream()
        .map(
            s ->
                new Slot(
                    s.toInstant(), s.toLocalDateTime().plus(wallClock).atZone(zone).toInstant()))
        .toList();
  }

  /**
   * The request for a later occurrence {@code r}: new times move it as far on the host's calendar
   * as they move {@code current}; the rest is the same.
   */
  EditRequest shifted(EditRequest request, Reservation current, Reservation r) {
    if (r.id() == current.id()) {
      return request;
    }
    return new EditRequest(
        request.claims(),
        request.mode(),
        request.start().map(s -> moved(r.start(), current.start(), s)),
        request.end().map(e -> moved(r.end(), current.end(), e)),
        request.extendBy(),
        request.message(),
        request.force());
  }

  /** {@code t} moved by as much wall-clock time as {@code from} to {@code to}. */
  private Instant moved(Instant t, Instant from, Instant to) {
    Duration shift =
        Duration.between(from.atZone(zone).toLocalDateTime(), to.atZone(zone).toLocalDateTime());
    return t.atZone(zone).toLocalDateTime().plus(shift).atZone(zone).toInstant();
  }
}
