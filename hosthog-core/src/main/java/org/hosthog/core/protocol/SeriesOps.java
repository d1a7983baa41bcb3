package org.hosthog.core.protocol;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.hosthog.api.Actor;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Reservations;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;

/**
 * The ops on a series ({@code claim --every}, and {@code release}, {@code edit}, {@code extend}
 * with {@code --series}): the user's words into series requests, the outcomes into answers.
 */
final class SeriesOps {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final Reservations reservations;
  private final TimeGrammar time;
  private final Clock clock;
  private final ZoneId zone;

  SeriesOps(Reservations reservations, TimeGrammar time, Clock clock) {
    this.reservations = reservations;
    this.time = time;
    this.clock = clock;
    this.zone = time.zone();
  }

  Granted claim(Actor actor, ClaimRequest first, Request.Repeat repeat) {
    Instant now = clock.instant();
    SeriesRequest request =
        new SeriesRequest(
            first,
            repeat.every(),
            repeat.count().map(OptionalInt::of).orElse(OptionalInt.empty()),
            repeat.through().map(d -> time.start(d).atZone(zone).toLocalDate()),
            repeat.skipConflicts());
    return granted(reservations.claimSeries(actor, request), now);
  }

  Granted edit(Actor actor, long id, EditRequest request) {
    return granted(reservations.editSeries(actor, id, request), clock.instant());
  }

  Granted release(Actor actor, long id) {
    return granted(reservations.releaseSeries(actor, id), clock.instant());
  }

  private Granted granted(SeriesOutcome outcome, Instant before) {
    Instant now = clock.instant().isBefore(before) ? before : clock.instant();
    if (outcome instanceof SeriesOutcome.Done done) {
      List<ReservationView> occurrences = ReservationView.of(done.occurrences(), now, zone);
      return new Granted(
          occurrences.get(0),
          ReservationView.of(done.overridden(), now, zone),
          occurrences,
          done.skipped().stream()
              .map(
                  s ->
                      new Granted.Skipped(
                          s.start().atZone(zone).toOffsetDateTime(),
                          s.end().atZone(zone).toOffsetDateTime(),
                          ReservationView.of(s.conflicts(), now, zone)))
              .toList());
    }
    if (outcome instanceof SeriesOutcome.Clashed clashed) {
      List<Reservation> inTheWay = new ArrayList<>();
      clashed.clashes().stream()
          .flatMap(c -> c.conflicts().stream())
          .filter(r -> !inTheWay.contains(r))
          .forEach(inTheWay::add);
      throw new Refusal(
          ErrorCode.CONFLICT, clashMessage(clashed), ReservationView.of(inTheWay, now, zone));
    }
    return ReservationOps.refused((Outcome.Denied) outcome);
  }

  /**
   * E.g. {@code 2 occurrences conflict: Tue 15 Dec 14:00 with reservation 7 of bob (gpu:0); ...}.
   */
  private String clashMessage(SeriesOutcome.Clashed clashed) {
    List<String> lines = new ArrayList<>();
    for (SeriesOutcome.Clash c : clashed.clashes()) {
      lines.add(
          DAY.format(c.start().atZone(zone))
              + " with "
              + String.join(
                  ", ",
                  c.conflicts().stream()
                      .map(
                          r ->
                              "reservation "
                                  + r.id()
                                  + " of "
                                  + r.owner()
                                  + " ("
                                  + r.resourcesText()
                                  + ")")
                      .toList()));
    }
    int n = lines.size();
    return (n == 1 ? "1 occurrence conflicts: " : n + " occurrences conflict: ")
        + String.join("; ", lines)
        + "; nothing was made: pick other resources or times, add --skip-conflicts to make the"
        + " others, or --force to announce them anyway (the owners will be told)";
  }
}
