package org.hosthog.core.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hosthog.api.Actor;
import org.hosthog.api.AnyGpus;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Mode;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.Resource;
import org.hosthog.core.service.Leases;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationPage;
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
  private final Supplier<HostActivity> activity;
  private final Optional<Leases> leases;
  private final SeriesOps series;

  /**
   * @param activity what runs on the GPUs now: "any N GPUs" prefers those without a process
   * @param leases where claims without an end are kept alive ({@code hosthog run})
   */
  ReservationOps(
      Reservations reservations,
      TimeGrammar time,
      Clock clock,
      Supplier<HostActivity> activity,
      Optional<Leases> leases) {
    this.reservations = reservations;
    this.time = time;
    this.clock = clock;
    this.zone = time.zone();
    this.activity = activity;
    this.leases = leases;
    this.series = new SeriesOps(reservations, time, clock);
  }

  Granted claim(Actor actor, Request.Claim c) {
    Instant now = clock.instant();
    Instant start =
        c.at()
            .map(time::start)
            .or(() -> c.in().map(d -> time.duration(d).addTo(now, zone)))
            .orElse(now);
    if (c.lease() && leases.isEmpty()) {
      throw new Refusal(ErrorCode.INVALID, "leases are kept by a hosthog daemon only");
    }
    Instant end =
        c.lease()
            ? start.plus(leaseStep())
            : c.forSpan().isPresent()
                ? time.duration(c.forSpan().get()).addTo(start, zone)
                : time.end(c.until().orElseThrow());
    Optional<AnyGpus> anyGpus =
        c.gpus().map(n -> new AnyGpus(n, mode(c.mode()).orElse(Mode.EXCLUSIVE), idleGpusFirst()));
    ClaimRequest request =
        new ClaimRequest(
            claims(c.resources(), mode(c.mode())), start, end, c.message(), c.force(), anyGpus);
    if (c.repeat().isPresent()) {
      return series.claim(actor, request, c.repeat().get());
    }
    Outcome outcome = reservations.claim(actor, request);
    if (c.lease() && outcome instanceof Outcome.Granted g) {
      leases.get().start(g.reservation().id());
    }
    if (anyGpus.isPresent() && outcome instanceof Outcome.Conflict conflict) {
      throw new Refusal(
          ErrorCode.CONFLICT,
          GpuShortage.message(
              anyGpus.get().count(),
              start,
              end,
              conflict.conflicts(),
              reservations.inventory().gpus().size(),
              zone,
              now),
          ReservationView.of(conflict.conflicts(), now, zone));
    }
    return granted(outcome, now);
  }

  /** A lease's first end: a day, or the longest a reservation may last here if that is less. */
  private Duration leaseStep() {
    return reservations
        .limits()
        .maxDuration()
        .filter(max -> max.compareTo(Leases.STEP) < 0)
        .orElse(Leases.STEP);
  }

  ReservationView renew(Actor actor, Request.Renew r) {
    Reservation renewed =
        leases
            .flatMap(l -> l.renew(actor, r.id()))
            .orElseThrow(
                () ->
                    new Refusal(
                        ErrorCode.NOT_FOUND,
                        "reservation "
                            + r.id()
                            + " is no lease of yours that is still running here (it ended, was"
                            + " released, or expired)"));
    return ReservationView.of(renewed, clock.instant(), zone);
  }

  /** The GPUs without a process first, then the busy ones, each lowest index first. */
  private List<Integer> idleGpusFirst() {
    int gpus = reservations.inventory().gpus().size();
    Set<Integer> busy = new HashSet<>();
    activity.get().gpuProcesses().forEach(p -> busy.add(p.gpu()));
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < gpus; i++) {
        if (busy.contains(i) == (pass == 1)) {
          order.add(i);
        }
      }
    }
    return order;
  }

  /** The first {@code limit} of a list and how many more: the store reads only those and counts. */
  ReservationPage page(Actor actor, Request.Page p) {
    Instant now = clock.instant();
    ReservationQuery q = query(actor, p.query(), now);
    List<Reservation> first = reservations.list(q.limitedTo(p.limit()));
    int more = first.size() < p.limit() ? 0 : Math.max(0, reservations.count(q) - first.size());
    return new ReservationPage(ReservationView.of(first, now, zone), more);
  }

  List<ReservationView> list(Actor actor, Request.ListReservations l) {
    Instant now = clock.instant();
    return ReservationView.of(reservations.list(query(actor, l, now)), now, zone);
  }

  private static ReservationQuery query(Actor actor, Request.ListReservations l, Instant now) {
    ReservationQuery q = l.all() ? ReservationQuery.history() : ReservationQuery.current(now);
    if (l.mine()) {
      q = q.ownedBy(actor.user());
    }
    if (l.user().isPresent()) {
      q = q.ownedBy(l.user().get());
    }
    return q;
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
    return e.series()
        ? series.edit(actor, e.id(), request)
        : granted(reservations.edit(actor, e.id(), request), now);
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
    return e.series()
        ? series.edit(actor, e.id(), request)
        : granted(reservations.edit(actor, e.id(), request), now);
  }

  Granted release(Actor actor, Request.Release r) {
    return r.series()
        ? series.release(actor, r.id())
        : granted(reservations.release(actor, r.id()), clock.instant());
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
    return refused((Outcome.Denied) outcome);
  }

  /** Throws the refusal that answers {@code d}. */
  static <T> T refused(Outcome.Denied d) {
    ErrorCode code =
        switch (d.reason()) {
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case NOT_PERMITTED -> ErrorCode.NOT_PERMITTED;
          case INVALID -> ErrorCode.INVALID;
          case OVER_LIMIT -> ErrorCode.OVER_LIMIT;
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
