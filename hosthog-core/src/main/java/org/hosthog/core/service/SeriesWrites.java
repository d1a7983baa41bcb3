package org.hosthog.core.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Actor;
import org.hosthog.api.Change;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.HostEvent;
import org.hosthog.api.HostEvent.SeriesChanged.Kind;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Reason;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Series;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesOutcome.Clash;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreTransaction;
import org.hosthog.core.time.Recurrence;

/**
 * Claims, changes and releases of a series (see {@link ReservationService}): every occurrence is
 * checked as a claim of its own (limits, conflicts), then all are written in one transaction or
 * none; one {@link HostEvent.SeriesChanged} tells of them all.
 */
final class SeriesWrites {
  private final ReservationStore store;
  private final ChangeGate gate;
  private final Clock clock;
  private final ZoneId zone;
  private final EventBus events;
  private final LimitCheck limitCheck;
  private final ClaimChecks checks;
  private final SeriesTimes times;

  SeriesWrites(
      ReservationStore store,
      ChangeGate gate,
      Clock clock,
      ZoneId zone,
      EventBus events,
      LimitCheck limitCheck,
      ClaimChecks checks) {
    this.store = store;
    this.gate = gate;
    this.clock = clock;
    this.zone = zone;
    this.events = events;
    this.limitCheck = limitCheck;
    this.checks = checks;
    this.times = new SeriesTimes(zone);
  }

  SeriesOutcome claim(Actor actor, SeriesRequest request) {
    Objects.requireNonNull(actor, "actor");
    ClaimRequest first = request.first();
    if (first.anyGpus().isPresent()) {
      return invalid("a series does not pick GPUs: name them (e.g. gpu:0-3) with --every");
    }
    Instant now = clock.instant();
    Instant start = first.start().isBefore(now) ? now : first.start();
    Optional<Denied> invalid =
        checks.validate(first.claims(), false, start, first.end(), first.message(), now);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    List<SeriesTimes.Slot> slots;
    Recurrence rule;
    try {
      rule = Recurrence.parse(request.every());
      slots = times.slots(rule, start, first.end(), request);
    } catch (InvalidInputException e) {
      return invalid(e.getMessage());
    }
    UUID id = UUID.randomUUID();
    String message = ClaimChecks.clean(first.message());
    String every = rule.text();
    List<Reservation> drafts = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      drafts.add(
          new Reservation(
                  Reservation.UNASSIGNED,
                  UUID.randomUUID(),
                  gate.host(),
                  actor.user(),
                  first.claims(),
                  slots.get(i).start(),
                  slots.get(i).end(),
                  message,
                  now,
                  now,
                  actor.user(),
                  Optional.empty())
              .inSeries(new Series(id, every, slots.get(0).start(), i + 1, slots.size())));
    }
    String rules = rule.describe(slots.get(0).start().atZone(zone));
    SeriesOutcome outcome =
        store.write(
            tx -> {
              Checked checked = check(actor, drafts, List.of(), now, tx, first.force());
              if (checked.refusal().isPresent()) {
                return checked.refusal().get();
              }
              if (!checked.clashes().isEmpty()
                  && (!request.skipConflicts() || checked.free().isEmpty())) {
                return new SeriesOutcome.Clashed(checked.clashes());
              }
              List<Reservation> stored = new ArrayList<>();
              for (Reservation draft : checked.free()) {
                Reservation r = tx.insert(draft);
                String detail =
                    HistoryText.describe(r)
                        + "; occurrence "
                        + r.series().orElseThrow().place()
                        + " of a series "
                        + rules;
                HistoryText.record(tx, actor, r.id(), Change.Kind.CREATED, detail, now);
                stored.add(r);
              }
              return new SeriesOutcome.Done(stored, checked.clashes(), checked.overridden());
            });
    publish(outcome, Kind.CREATED, actor, now);
    return outcome;
  }

  SeriesOutcome edit(Actor actor, long id, EditRequest request) {
    if (request.isEmpty()) {
      return invalid("nothing to change: give a new start, end, message or resources");
    }
    Instant now = clock.instant();
    SeriesOutcome outcome =
        store.write(
            tx -> {
              Optional<Denied> refusal = refusal(actor, id, tx, now);
              if (refusal.isPresent()) {
                return refusal.get();
              }
              Reservation current = tx.find(id).orElseThrow();
              List<EditPlan> plans = new ArrayList<>();
              for (Reservation r : thisAndLater(current, tx, now)) {
                EditPlan plan =
                    EditPlan.of(actor, r, times.shifted(request, current, r), now, zone, checks);
                if (plan.refusal().isPresent()) {
                  return onDay(r, plan.refusal().get());
                }
                plans.add(plan);
              }
              List<Reservation> befores = plans.stream().map(EditPlan::current).toList();
              List<Reservation> afters = plans.stream().map(EditPlan::after).toList();
              Checked checked = check(actor, afters, befores, now, tx, request.force());
              if (checked.refusal().isPresent()) {
                return checked.refusal().get();
              }
              if (!checked.clashes().isEmpty()) {
                return new SeriesOutcome.Clashed(checked.clashes());
              }
              plans.forEach(plan -> HistoryText.store(tx, actor, plan, now));
              return new SeriesOutcome.Done(afters, List.of(), checked.overridden());
            });
    publish(outcome, Kind.CHANGED, actor, now);
    return outcome;
  }

  SeriesOutcome release(Actor actor, long id) {
    Instant now = clock.instant();
    SeriesOutcome outcome =
        store.write(
            tx -> {
              Optional<Denied> refusal = refusal(actor, id, tx, now);
              if (refusal.isPresent()) {
                return refusal.get();
              }
              List<Reservation> released = new ArrayList<>();
              for (Reservation r : thisAndLater(tx.find(id).orElseThrow(), tx, now)) {
                released.add(
                    HistoryText.release(tx, actor, r, now, ", with the rest of its series"));
              }
              return new SeriesOutcome.Done(released, List.of(), List.of());
            });
    publish(outcome, Kind.RELEASED, actor, now);
    return outcome;
  }

  private Optional<Denied> refusal(Actor actor, long id, StoreTransaction tx, Instant now) {
    Optional<Reservation> found = tx.find(id);
    Optional<Denied> refusal = gate.refusal(actor, id, found, now);
    if (refusal.isEmpty() && found.orElseThrow().series().isEmpty()) {
      return Optional.of(
          new Denied(
              Reason.INVALID,
              "reservation " + id + " is not part of a series; leave out --series"));
    }
    return refusal;
  }

  /** Occurrence {@code current} and the later ones of its series not yet over, earliest first. */
  private static List<Reservation> thisAndLater(
      Reservation current, StoreTransaction tx, Instant now) {
    UUID series = current.series().orElseThrow().id();
    return tx
        .query(
            new ReservationQuery(
                Optional.of(now), Optional.empty(), Optional.of(current.owner()), false, 0))
        .stream()
        .filter(r -> r.series().map(s -> s.id().equals(series)).orElse(false))
        .filter(r -> !r.start().isBefore(current.start()))
        .toList();
  }

  /** Each of {@code afters} checked as a claim of its own: limits first, then conflicts. */
  private Checked check(
      Actor actor,
      List<Reservation> afters,
      List<Reservation> befores,
      Instant now,
      StoreTransaction tx,
      boolean force) {
    List<Reservation> free = new ArrayList<>();
    List<Clash> clashes = new ArrayList<>();
    List<Reservation> overridden = new ArrayList<>();
    // one query for the whole series' span, not one per occurrence (a hundred on some stores)
    List<Reservation> around =
        tx.query(
            ReservationQuery.overlapping(
                afters.stream().map(Reservation::start).min(Instant::compareTo).orElseThrow(),
                afters.stream().map(Reservation::end).max(Instant::compareTo).orElseThrow()));
    for (int i = 0; i < afters.size(); i++) {
      Reservation after = afters.get(i);
      Optional<Reservation> before =
          befores.isEmpty() ? Optional.empty() : Optional.of(befores.get(i));
      Optional<Denied> over = limitCheck.check(actor, before, after, now, tx);
      if (over.isPresent()) {
        return new Checked(List.of(), List.of(), List.of(), Optional.of(onDay(after, over.get())));
      }
      List<Reservation> conflicts = ConflictRules.conflictsOf(after, around);
      if (conflicts.isEmpty() || force) {
        free.add(after);
        conflicts.stream().filter(c -> !overridden.contains(c)).forEach(overridden::add);
      } else {
        clashes.add(new Clash(after.start(), after.end(), conflicts));
      }
    }
    return new Checked(free, clashes, overridden, Optional.empty());
  }

  /** A refusal of one occurrence, naming its day. */
  private Denied onDay(Reservation r, Denied refusal) {
    return new Denied(
        refusal.reason(),
        "the occurrence on " + checks.local(r.start()) + ": " + refusal.message());
  }

  private void publish(SeriesOutcome outcome, Kind kind, Actor actor, Instant now) {
    if (outcome instanceof SeriesOutcome.Done done) {
      events.publish(
          new HostEvent.SeriesChanged(kind, done.occurrences(), actor.user(), now, actor.via()));
    }
  }

  private static Denied invalid(String message) {
    return new Denied(Reason.INVALID, message);
  }

  private record Checked(
      List<Reservation> free,
      List<Clash> clashes,
      List<Reservation> overridden,
      Optional<Denied> refusal) {}
}
