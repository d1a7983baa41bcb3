package org.hosthog.core.protocol;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Mode;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.Resource;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;

/**
 * The ops on reservations: reads the user's words (times in the host's zone, resources, modes) into
 * service requests and the service's outcomes into answers. Every rule about what may be claimed or
 * changed is the service's.
 */
final class ReservationOps {
  private final Reservations reservations;
  private final TimeGrammar time;
  private final Clock clock;
  private final ZoneId zone;

  ReservationOps(Reservations reservations, TimeGrammar time, Clock clock) {
    this.reservations = reservations;
    this.time = time;
    this.clock = clock;
    this.zone = time.zone();
  }

  Granted claim(Actor actor, Request.Claim c) {
    Instant now = clock.instant();
    Instant start =
        c.at()
            .map(time::start)
            .or(() -> c.in().map(d -> time.duration(d).addTo(now, zone)))
            .orElse(now);
    Instant end =
        c.forSpan().isPresent()
            ? time.duration(c.forSpan().get()).addTo(start, zone)
            : time.end(c.until().orElseThrow());
    ClaimRequest request =
        new ClaimRequest(claims(c.resources(), mode(c.mode())), start, end, c.message(), c.force());
    return granted(reservations.claim(actor, request), now);
  }

  List<ReservationView> list(Actor actor, Request.ListReservations l) {
    Instant now = clock.instant();
    ReservationQuery q = l.all() ? ReservationQuery.history() : ReservationQuery.current(now);
    if (l.mine()) {
      q = q.ownedBy(actor.user());
    }
    if (l.user().isPresent()) {
      q = q.ownedBy(l.user().get());
    }
    return ReservationView.of(reservations.list(q), now, zone);
  }

  ReservationView show(Actor actor, Request.Show s) {
    Reservation r =
        reservations
            .find(s.id())
            .orElseThrow(
                () ->
                    new Refusal(
                        ErrorCode.NOT_FOUND,
                        "there is no reservation " + s.id() + "; see 'hosthog list'"));
    return ReservationView.of(r, clock.instant(), zone)
        .withHistory(reservations.history(s.id()), zone);
  }

  /** {@code --by} is added to the end current when the service applies it, in one transaction. */
  Granted extend(Actor actor, Request.Extend e) {
    Instant now = clock.instant();
    EditRequest request =
        e.by().isPresent()
            ? EditRequest.extendBy(time.duration(e.by().get()))
            : EditRequest.endAt(time.end(e.until().orElseThrow()));
    return granted(reservations.edit(actor, e.id(), request), now);
  }

  Granted edit(Actor actor, Request.Edit e) {
    Instant now = clock.instant();
    Optional<Mode> mode = mode(e.mode());
    EditRequest request =
        new EditRequest(
            e.resources().map(rs -> claims(rs, mode)),
            e.resources().isPresent() ? Optional.empty() : mode,
            e.at().map(time::start),
            e.until().map(time::end),
            Optional.empty(),
            e.message(),
            e.force());
    return granted(reservations.edit(actor, e.id(), request), now);
  }

  Granted release(Actor actor, Request.Release r) {
    return granted(reservations.release(actor, r.id()), clock.instant());
  }

  private static Optional<Mode> mode(Optional<String> text) {
    return text.map(Mode::parse);
  }

  private static List<Claim> claims(List<String> resources, Optional<Mode> mode) {
    List<Claim> claims = new ArrayList<>();
    for (String text : resources) {
      Resource r = Resource.parse(text);
      claims.add(new Claim(r, mode.orElse(r.defaultMode())));
    }
    return claims;
  }

  /** The outcome as an answer; states are computed after the change (its start may be "now"). */
  private Granted granted(Outcome outcome, Instant before) {
    Instant now = clock.instant().isBefore(before) ? before : clock.instant();
    if (outcome instanceof Outcome.Granted g) {
      return new Granted(
          ReservationView.of(g.reservation(), now, zone),
          ReservationView.of(g.overridden(), now, zone));
    }
    if (outcome instanceof Outcome.Conflict c) {
      throw new Refusal(
          ErrorCode.CONFLICT,
          conflictMessage(c.conflicts()),
          ReservationView.of(c.conflicts(), now, zone));
    }
    Outcome.Denied d = (Outcome.Denied) outcome;
    ErrorCode code =
        switch (d.reason()) {
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case NOT_PERMITTED -> ErrorCode.NOT_PERMITTED;
          case INVALID -> ErrorCode.INVALID;
        };
    throw new Refusal(code, d.message());
  }

  private static String conflictMessage(List<Reservation> conflicts) {
    StringBuilder s = new StringBuilder("conflicts with ");
    for (int i = 0; i < conflicts.size(); i++) {
      Reservation r = conflicts.get(i);
      s.append(i == 0 ? "" : ", ")
          .append("reservation ")
          .append(r.id())
          .append(" of ")
          .append(r.owner())
          .append(" (")
          .append(r.resourcesText())
          .append(')');
    }
    return s.append(
            "; pick other resources or times, or add --force to announce it anyway (they will be told)")
        .toString();
  }
}
