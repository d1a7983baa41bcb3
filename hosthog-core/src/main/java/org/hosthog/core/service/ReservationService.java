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
import org.hosthog.api.Resource;
import org.hosthog.api.State;
import org.hosthog.api.Subscription;
import org.hosthog.api.Text;
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
  public static final int MAX_MESSAGE = 300;

  private final String host;
  private final ReservationStore store;
  private final Inventory inventory;
  private final Authorizer authorizer;
  private final Clock clock;
  private final ZoneId zone;
  private final EventBus events;
  private final Limits limits;
  private final LimitCheck limitCheck;

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
            .flatMap(any -> validateAnyGpus(any, request))
            .or(
                () ->
                    validate(
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
    String message = clean(request.message());
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
              List<Reservation> conflicts = conflicts(tx, draft);
              if (!conflicts.isEmpty() && !request.force()) {
                return new Outcome.Conflict(conflicts);
              }
              Reservation stored = tx.insert(draft);
              tx.record(
                  new Change(
                      stored.id(),
                      now,
                      actor.user(),
                      Change.Kind.CREATED,
                      via(actor, describe(stored))));
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
    List<Claim> claims =
        request
            .claims()
            .orElseGet(
                () ->
                    request
                        .mode()
                        .map(
                            mode ->
                                current.claims().stream()
                                    .map(c -> new Claim(c.resource(), mode))
                                    .toList())
                        .orElse(current.claims()));
    Instant start = request.start().orElse(current.start());
    Instant end =
        request
            .extendBy()
            .map(span -> span.addTo(current.end(), zone))
            .orElse(request.end().orElse(current.end()));
    if (request.start().isPresent() && start.isBefore(now)) {
      start = now;
    }
    if (current.state(now) == State.ACTIVE
        && request.start().isPresent()
        && request.start().get().isBefore(current.start())) {
      return tx ->
          new Denied(
              Reason.INVALID,
              "reservation "
                  + current.id()
                  + " has already started; its start can only move later");
    }
    String message = request.message().map(ReservationService::clean).orElse(current.message());
    Optional<Denied> invalid = validate(claims, false, start, end, message, now);
    if (invalid.isPresent()) {
      return tx -> invalid.get();
    }
    Reservation after = current.changed(claims, start, end, message, actor.user(), now);
    return tx -> {
      Optional<Denied> over = limitCheck.check(actor, Optional.of(current), after, now, tx);
      if (over.isPresent()) {
        return over.get();
      }
      List<Reservation> conflicts = conflicts(tx, after);
      if (!conflicts.isEmpty() && !request.force()) {
        return new Outcome.Conflict(conflicts);
      }
      tx.update(after);
      tx.record(
          new Change(
              after.id(),
              now,
              actor.user(),
              Change.Kind.CHANGED,
              via(actor, differences(current, after))));
      return new Outcome.Granted(after, conflicts);
    };
  }

  @Override
  public Outcome release(Actor actor, long id) {
    Instant now = clock.instant();
    return change(
        actor,
        id,
        now,
        current -> {
          Reservation after = current.releasedAt(now, actor.user());
          return tx -> {
            tx.update(after);
            String what =
                current.state(now) == State.PLANNED
                    ? "cancelled before its start"
                    : "released early";
            tx.record(new Change(id, now, actor.user(), Change.Kind.RELEASED, via(actor, what)));
            return new Outcome.Granted(after, List.of());
          };
        },
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
              if (found.isEmpty()) {
                return new Denied(
                    Reason.NOT_FOUND,
                    "there is no reservation " + id + " on " + host + "; see 'hosthog list'");
              }
              Reservation current = found.get();
              if (!authorizer.mayChange(actor, current)) {
                return new Denied(
                    Reason.NOT_PERMITTED,
                    "reservation "
                        + id
                        + " belongs to "
                        + current.owner()
                        + "; only they, root and members of "
                        + String.join(", ", authorizer.adminGroups())
                        + " may change it");
              }
              State state = current.state(now);
              if (state == State.RELEASED || state == State.ENDED) {
                return new Denied(
                    Reason.INVALID,
                    "reservation "
                        + id
                        + " has "
                        + (state == State.ENDED ? "ended" : "been released")
                        + "; make a new claim instead");
              }
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

  /** What "any N GPUs" cannot be asked with, and how many there are to pick from. */
  private Optional<Denied> validateAnyGpus(AnyGpus any, ClaimRequest request) {
    int gpus = inventory.gpus().size();
    if (gpus == 0) {
      return invalid(
          "this host has no GPUs; claimable here: "
              + String.join(", ", inventory.claimable())
              + Inventory.NO_GPUS_HINT);
    }
    if (any.count() > gpus) {
      return invalid(
          "this host has "
              + gpus
              + (gpus == 1 ? " GPU" : " GPUs")
              + " ("
              + inventory.claimable().get(1)
              + "); "
              + any.count()
              + " asks for more");
    }
    if (request.claims().stream().anyMatch(c -> c.resource() instanceof Resource.Gpus)) {
      return invalid("name the GPUs or ask for a number of them, not both");
    }
    if (request.force()) {
      return invalid(
          "--force does not pick GPUs: name the ones to announce (e.g. gpu:0) to record a"
              + " conflicting claim");
    }
    return Optional.empty();
  }

  private Optional<Denied> validate(
      List<Claim> claims,
      boolean gpusToPick,
      Instant start,
      Instant end,
      String message,
      Instant now) {
    if (claims.isEmpty() && !gpusToPick) {
      return invalid(
          "name at least one resource to claim; claimable here: "
              + String.join(", ", inventory.claimable()));
    }
    for (int i = 0; i < claims.size(); i++) {
      Optional<String> problem = inventory.problemWith(claims.get(i).resource());
      if (problem.isPresent()) {
        return invalid(problem.get());
      }
      for (int j = 0; j < i; j++) {
        if (sameParts(claims.get(i).resource(), claims.get(j).resource())) {
          return invalid(
              claims.get(j).resource().text()
                  + " and "
                  + claims.get(i).resource().text()
                  + " overlap; name each resource once");
        }
      }
    }
    if (!end.isAfter(now)) {
      return invalid("the end " + local(end) + " is not in the future");
    }
    if (!end.isAfter(start)) {
      return invalid("the end " + local(end) + " is not after the start " + local(start));
    }
    if (clean(message).isBlank()) {
      return invalid("say why in a message (-m \"...\"): the others will read it");
    }
    return Optional.empty();
  }

  /** Whether two resources of one request name the same part twice ("host" goes with anything). */
  private static boolean sameParts(Resource a, Resource b) {
    boolean hostA = a instanceof Resource.Host;
    boolean hostB = b instanceof Resource.Host;
    return hostA || hostB ? hostA && hostB : a.overlaps(b);
  }

  private static Optional<Denied> invalid(String message) {
    return Optional.of(new Denied(Reason.INVALID, message));
  }

  private List<Reservation> conflicts(StoreTransaction tx, Reservation candidate) {
    return ConflictRules.conflictsOf(
        candidate, tx.query(ReservationQuery.overlapping(candidate.start(), candidate.end())));
  }

  private static String clean(String message) {
    String text = Text.sanitize(message).strip();
    return text.codePointCount(0, text.length()) <= MAX_MESSAGE
        ? text
        : text.substring(0, text.offsetByCodePoints(0, MAX_MESSAGE - 1)) + "…";
  }

  /** The history's detail, marked with what made the change when it was not the actor directly. */
  private static String via(Actor actor, String detail) {
    return actor.via().map(v -> detail + " (via " + v + ")").orElse(detail);
  }

  private static String describe(Reservation r) {
    return r.claims().stream()
            .map(Claim::toString)
            .collect(java.util.stream.Collectors.joining(", "))
        + " from "
        + seconds(r.start())
        + " to "
        + seconds(r.end());
  }

  private static final java.time.format.DateTimeFormatter LOCAL =
      java.time.format.DateTimeFormatter.ofPattern(
          "EEE d MMM yyyy HH:mm", java.util.Locale.ENGLISH);

  /**
   * A time in a message a person reads: the host's zone, to the minute ("Fri 4 Dec 2026 15:29").
   */
  private String local(Instant t) {
    return LOCAL.format(t.atZone(zone));
  }

  private static Instant seconds(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static String differences(Reservation a, Reservation b) {
    List<String> parts = new ArrayList<>();
    if (!a.claims().equals(b.claims())) {
      parts.add("resources " + a.resourcesText() + " -> " + b.resourcesText());
    }
    if (!a.start().equals(b.start())) {
      parts.add("start " + seconds(a.start()) + " -> " + seconds(b.start()));
    }
    if (!a.end().equals(b.end())) {
      parts.add("end " + seconds(a.end()) + " -> " + seconds(b.end()));
    }
    if (!a.message().equals(b.message())) {
      parts.add("message changed");
    }
    return parts.isEmpty() ? "no change" : String.join("; ", parts);
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
