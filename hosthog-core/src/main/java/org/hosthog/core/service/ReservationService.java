package org.hosthog.core.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hosthog.api.Actor;
import org.hosthog.api.AnyGpus;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.HostEvent;
import org.hosthog.api.HostEventListener;
import org.hosthog.api.Inventory;
import org.hosthog.api.Limits;
import org.hosthog.api.Outcome;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Reason;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.Subscription;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreTransaction;

/**
 * The reservations of one host: validation, conflict rules and authorization around a store.
 *
 * <p>Thread-safe. Each write runs its checks and its write in one store transaction, then publishes
 * its event on the {@link EventBus} after the commit.
 */
public final class ReservationService implements Reservations {
  /** Longest message kept; the rest is cut off (it is shown on terminals and in the motd). */
  public static final int MAX_MESSAGE = ClaimChecks.MAX_MESSAGE;

  private final String host;
  private final ReservationStore store;
  private final Inventory inventory;
  private final Authorizer authorizer;
  private final Clock clock;
  private final ZoneId zone;
  private final EventBus events;
  private final Limits limits;
  private final LimitCheck limitCheck;
  private final ClaimChecks checks;
  private final ChangeGate gate;
  private final SeriesWrites series;

  /**
   * @param zone the host's zone: an extension by days counts days on its calendar
   * @param limits how much one user may claim; checked with the conflicts
   */
  public ReservationService(
      String host,
      ReservationStore store,
      Inventory inventory,
      Authorizer authorizer,
      Clock clock,
      ZoneId zone,
      EventBus events,
      Limits limits) {
    this.host = Objects.requireNonNull(host, "host");
    this.store = Objects.requireNonNull(store, "store");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.events = Objects.requireNonNull(events, "events");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.limitCheck = new LimitCheck(limits, authorizer, inventory.gpus().size(), zone);
    this.checks = new ClaimChecks(inventory, zone);
    this.gate = new ChangeGate(host, authorizer);
    this.series = new SeriesWrites(store, gate, clock, zone, events, limitCheck, checks);
  }

  @Override
  public Outcome claim(Actor actor, ClaimRequest request) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(request, "request");
    Instant now = clock.instant();
    Instant start = request.start().isBefore(now) ? now : request.start(); // no retroactive claims
    Optional<Denied> invalid =
        request
            .anyGpus()
            .flatMap(any -> checks.anyGpus(any, request))
            .or(
                () ->
                    checks.validate(
                        request.claims(),
                        request.anyGpus().isPresent(),
                        start,
                        request.end(),
                        request.message(),
                        now));
    if (invalid.isPresent()) {
      return invalid.get();
    }
    UUID uuid = UUID.randomUUID();
    String message = ClaimChecks.clean(request.message());
    Function<List<Claim>, Reservation> draftOf =
        claims ->
            new Reservation(
                Reservation.UNASSIGNED,
                uuid,
                host,
                actor.user(),
                claims,
                start,
                request.end(),
                message,
                now,
                now,
                actor.user(),
                Optional.empty());
    Outcome outcome =
        store.write(
            tx -> {
              List<Claim> claims = new ArrayList<>(request.claims());
              if (request.anyGpus().isPresent()) {
                AnyGpus any = request.anyGpus().get();
                List<Reservation> overlapping =
                    tx.query(ReservationQuery.overlapping(start, request.end()));
                int gpus = inventory.gpus().size();
                List<Integer> free = GpuPick.free(draftOf, any, gpus, overlapping);
                if (free.size() < any.count()) {
                  List<Integer> held = new ArrayList<>(GpuPick.order(any, gpus));
                  held.removeAll(free);
                  return new Outcome.Conflict(GpuPick.holders(draftOf, any, held, overlapping));
                }
                claims.add(GpuPick.claim(free.subList(0, any.count()), any));
              }
              Reservation draft = draftOf.apply(claims);
              Optional<Denied> over = limitCheck.check(actor, Optional.empty(), draft, now, tx);
              if (over.isPresent()) {
                return over.get();
              }
              List<Reservation> conflicts = ConflictRules.inStore(tx, draft);
              if (!conflicts.isEmpty() && !request.force()) {
                return new Outcome.Conflict(conflicts);
              }
              Reservation stored = tx.insert(draft);
              HistoryText.record(
                  tx, actor, stored.id(), Change.Kind.CREATED, HistoryText.describe(stored), now);
              return new Outcome.Granted(stored, conflicts);
            });
    if (outcome instanceof Outcome.Granted g) {
      events.publish(
          new HostEvent.Created(g.reservation(), actor.user(), now, g.overridden(), actor.via()));
    }
    return outcome;
  }

  @Override
  public Outcome edit(Actor actor, long id, EditRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.isEmpty()) {
      return new Denied(
          Reason.INVALID, "nothing to change: give a new start, end, message or resources");
    }
    Instant now = clock.instant();
    return change(actor, id, now, current -> edited(actor, current, request, now), request.force());
  }

  private Function<StoreTransaction, Outcome> edited(
      Actor actor, Reservation current, EditRequest request, Instant now) {
    EditPlan plan = EditPlan.of(actor, current, request, now, zone, checks);
    if (plan.refusal().isPresent()) {
      return tx -> plan.refusal().get();
    }
    return tx -> {
      Optional<Denied> over = limitCheck.check(actor, Optional.of(current), plan.after(), now, tx);
      if (over.isPresent()) {
        return over.get();
      }
      List<Reservation> conflicts = ConflictRules.inStore(tx, plan.after());
      if (!conflicts.isEmpty() && !request.force()) {
        return new Outcome.Conflict(conflicts);
      }
      HistoryText.store(tx, actor, plan, now);
      return new Outcome.Granted(plan.after(), conflicts);
    };
  }

  @Override
  public Outcome release(Actor actor, long id) {
    Instant now = clock.instant();
    return change(
        actor,
        id,
        now,
        current ->
            tx -> new Outcome.Granted(HistoryText.release(tx, actor, current, now, ""), List.of()),
        false);
  }

  /**
   * Runs a change of reservation {@code id}: looks it up, checks the actor may change it and that
   * it is still changeable, then applies {@code plan} — all in one transaction.
   */
  private Outcome change(
      Actor actor,
      long id,
      Instant now,
      Function<Reservation, Function<StoreTransaction, Outcome>> plan,
      boolean force) {
    Objects.requireNonNull(actor, "actor");
    Reservation[] before = new Reservation[1];
    Outcome outcome =
        store.write(
            tx -> {
              Optional<Reservation> found = tx.find(id);
              Optional<Denied> refusal = gate.refusal(actor, id, found, now);
              if (refusal.isPresent()) {
                return refusal.get();
              }
              Reservation current = found.orElseThrow();
              before[0] = current;
              return plan.apply(current).apply(tx);
            });
    if (outcome instanceof Outcome.Granted g) {
      Reservation after = g.reservation();
      events.publish(
          after.released().isPresent()
              ? new HostEvent.Released(after, actor.user(), now, actor.via())
              : new HostEvent.Changed(
                  before[0], after, actor.user(), now, g.overridden(), actor.via()));
    }
    return outcome;
  }

  private List<Reservation> conflicts(StoreTransaction tx, Reservation candidate) {
    return ConflictRules.conflictsOf(
        candidate, tx.query(ReservationQuery.overlapping(candidate.start(), candidate.end())));
  }

  @Override
  public SeriesOutcome claimSeries(Actor actor, SeriesRequest request) {
    return series.claim(actor, request);
  }

  @Override
  public SeriesOutcome editSeries(Actor actor, long id, EditRequest request) {
    return series.edit(actor, id, request);
  }

  @Override
  public SeriesOutcome releaseSeries(Actor actor, long id) {
    return series.release(actor, id);
  }

  @Override
  public Optional<Reservation> find(long id) {
    return store.find(id);
  }

  @Override
  public List<Reservation> list(ReservationQuery query) {
    return store.query(query);
  }

  @Override
  public int count(ReservationQuery query) {
    return store.count(query);
  }

  @Override
  public List<org.hosthog.api.Change> history(long id) {
    return store.history(id);
  }

  @Override
  public Inventory inventory() {
    return inventory;
  }

  @Override
  public Limits limits() {
    return limits;
  }

  @Override
  public boolean heldToLimits(Actor actor) {
    return limitCheck.holds(actor);
  }

  @Override
  public Subscription subscribe(HostEventListener listener) {
    return events.subscribe(listener);
  }

  public String host() {
    return host;
  }
}
