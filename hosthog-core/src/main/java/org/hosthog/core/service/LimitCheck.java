package org.hosthog.core.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hosthog.api.Actor;
import org.hosthog.api.Limits;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Reason;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.spi.StoreTransaction;
import org.hosthog.text.Spans;

/**
 * Checks a claim or change against the host's {@link Limits}, inside the transaction that writes
 * it. Each refusal names the limit, its value and what would fit.
 */
final class LimitCheck {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Limits limits;
  private final Authorizer authorizer;
  private final int gpus;
  private final ZoneId zone;

  LimitCheck(Limits limits, Authorizer authorizer, int gpus, ZoneId zone) {
    this.limits = limits;
    this.authorizer = authorizer;
    this.gpus = gpus;
    this.zone = zone;
  }

  /** Whether {@code actor} is held to the limits: not an admin, in no exempt group. */
  boolean holds(Actor actor) {
    return limits.any()
        && !authorizer.isAdmin(actor)
        && actor.groups().stream().noneMatch(limits.exemptGroups()::contains);
  }

  /**
   * Why {@code after} (a new reservation when {@code before} is empty) is over a limit for {@code
   * actor}, if it is.
   */
  Optional<Denied> check(
      Actor actor,
      Optional<Reservation> before,
      Reservation after,
      Instant now,
      StoreTransaction tx) {
    if (!holds(actor)) {
      return Optional.empty();
    }
    return extendWithin(before, after, now)
        .or(() -> maxDuration(after))
        .or(() -> maxFuture(before, after, now))
        .or(() -> maxGpus(after, tx));
  }

  private Optional<Denied> extendWithin(
      Optional<Reservation> before, Reservation after, Instant now) {
    if (limits.extendWithin().isEmpty()
        || before.isEmpty()
        || !after.end().isAfter(before.get().end())) {
      return Optional.empty();
    }
    Duration within = limits.extendWithin().get();
    Instant from = before.get().end().minus(within);
    if (!now.isBefore(from)) {
      return Optional.empty();
    }
    return over(
        "extend_within",
        within,
        "reservation "
            + before.get().id()
            + " ends "
            + when(before.get().end())
            + "; its end can move later from "
            + when(from)
            + " on");
  }

  private Optional<Denied> maxDuration(Reservation r) {
    if (limits.maxDuration().isEmpty()) {
      return Optional.empty();
    }
    Duration max = limits.maxDuration().get();
    Duration length = Duration.between(r.start(), r.end());
    if (length.compareTo(max) <= 0) {
      return Optional.empty();
    }
    return over(
        "max_duration",
        max,
        "this would last "
            + Spans.text(length)
            + " (from "
            + when(r.start())
            + "); end it by "
            + when(r.start().plus(max)));
  }

  private Optional<Denied> maxFuture(Optional<Reservation> before, Reservation r, Instant now) {
    if (limits.maxFuture().isEmpty()
        || (before.isPresent() && !r.start().isAfter(before.get().start()))) {
      return Optional.empty();
    }
    Duration max = limits.maxFuture().get();
    if (!r.start().isAfter(now.plus(max))) {
      return Optional.empty();
    }
    return over(
        "max_future",
        max,
        "this would start " + when(r.start()) + "; start it by " + when(now.plus(max)));
  }

  /** The most GPUs the owner would hold at one moment of {@code r}'s span, with {@code r}. */
  private Optional<Denied> maxGpus(Reservation r, StoreTransaction tx) {
    if (limits.maxGpusPerUser().isEmpty() || held(r).isEmpty()) {
      return Optional.empty();
    }
    int max = limits.maxGpusPerUser().getAsInt();
    List<Reservation> mine = new ArrayList<>();
    mine.add(r);
    tx.query(ReservationQuery.overlapping(r.start(), r.end()).ownedBy(r.owner())).stream()
        .filter(o -> !o.uuid().equals(r.uuid()))
        .forEach(mine::add);
    for (Reservation at : mine) { // the count only rises where one of them starts
      Instant t = at.start().isBefore(r.start()) ? r.start() : at.start();
      BitSet held = new BitSet();
      List<Reservation> then =
          mine.stream().filter(o -> !o.start().isAfter(t) && o.end().isAfter(t)).toList();
      then.forEach(o -> held.or(held(o)));
      if (held.cardinality() > max) {
        return over(
            "max_gpus_per_user",
            max,
            "from "
                + when(t)
                + " you would hold "
                + held.cardinality()
                + " GPUs"
                + (then.size() > 1
                    ? " (with your reservations "
                        + then.stream()
                            .filter(o -> !o.uuid().equals(r.uuid()))
                            .map(o -> Long.toString(o.id()))
                            .collect(Collectors.joining(", "))
                        + ")"
                    : "")
                + "; claim fewer or release some");
      }
    }
    return Optional.empty();
  }

  /** The GPUs {@code r} holds: those it names, all of them for an exclusive whole-host claim. */
  private BitSet held(Reservation r) {
    BitSet held = new BitSet();
    for (int i = 0; i < gpus; i++) {
      if (r.holdsGpu(i)) {
        held.set(i);
      }
    }
    return held;
  }

  private Optional<Denied> over(String limit, Object value, String detail) {
    String v = value instanceof Duration d ? Spans.text(d) : value.toString();
    return Optional.of(
        new Denied(
            Reason.OVER_LIMIT,
            "over this host's limit "
                + limit
                + " = "
                + v
                + ": "
                + detail
                + " (see 'hosthog limits'; an admin may change it for you)"));
  }

  private String when(Instant t) {
    return WHEN.format(t.atZone(zone));
  }
}
