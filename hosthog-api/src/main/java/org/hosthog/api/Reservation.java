package org.hosthog.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One announcement that {@code owner} uses {@code claims} on {@code host} from {@code start} until
 * {@code end} (exclusive).
 *
 * @param id short per-host number shown to users; {@link #UNASSIGNED} until a store assigns one
 * @param uuid globally unique id, used as the calendar event's UID
 * @param host the host's name
 * @param owner the Unix user name of whoever holds the claims
 * @param claims at least one claim
 * @param start first instant of the reservation (all times are truncated to milliseconds)
 * @param end first instant after the reservation; always after {@code start}
 * @param message why, in the owner's words (already sanitised)
 * @param created when it was first stored
 * @param updated when it last changed
 * @param updatedBy the user who made the last change
 * @param released when it was released early or cancelled, if it was
 * @param series the series it is an occurrence of, if it is one
 */
public record Reservation(
    long id,
    UUID uuid,
    String host,
    String owner,
    List<Claim> claims,
    Instant start,
    Instant end,
    String message,
    Instant created,
    Instant updated,
    String updatedBy,
    Optional<Instant> released,
    Optional<Series> series) {

  /** The id of a reservation that has not been stored yet. */
  public static final long UNASSIGNED = 0;

  public Reservation {
    start = millis(start);
    end = millis(end);
    created = millis(created);
    updated = millis(updated);
    released = Objects.requireNonNull(released, "released").map(Reservation::millis);
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(owner, "owner");
    claims = List.copyOf(claims);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(updatedBy, "updatedBy");
    Objects.requireNonNull(series, "series");
    if (claims.isEmpty()) {
      throw new IllegalArgumentException("a reservation needs at least one claim");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end " + end + " is not after start " + start);
    }
  }

  /** A reservation on its own, in no series. */
  public Reservation(
      long id,
      UUID uuid,
      String host,
      String owner,
      List<Claim> claims,
      Instant start,
      Instant end,
      String message,
      Instant created,
      Instant updated,
      String updatedBy,
      Optional<Instant> released) {
    this(
        id,
        uuid,
        host,
        owner,
        claims,
        start,
        end,
        message,
        created,
        updated,
        updatedBy,
        released,
        Optional.empty());
  }

  /** Times are kept to the millisecond, so every store gives back what it was given. */
  private static Instant millis(Instant t) {
    return Objects.requireNonNull(t, "time").truncatedTo(ChronoUnit.MILLIS);
  }

  /** The state at {@code now}. */
  public State state(Instant now) {
    if (released.isPresent()) {
      return State.RELEASED;
    }
    if (now.isBefore(start)) {
      return State.PLANNED;
    }
    return now.isBefore(end) ? State.ACTIVE : State.ENDED;
  }

  /**
   * Whether this reservation still counts for {@code [from, to)}: not released, times intersect.
   */
  public boolean occupies(Instant from, Instant to) {
    return released.isEmpty() && start.isBefore(to) && end.isAfter(from);
  }

  public Reservation withId(long newId) {
    return new Reservation(
        newId, uuid, host, owner, claims, start, end, message, created, updated, updatedBy,
        released, series);
  }

  /** A copy with new times and content, stamped as changed by {@code actor} at {@code at}. */
  public Reservation changed(
      List<Claim> newClaims,
      Instant newStart,
      Instant newEnd,
      String newMessage,
      String actor,
      Instant at) {
    return new Reservation(
        id,
        uuid,
        host,
        owner,
        newClaims,
        newStart,
        newEnd,
        newMessage,
        created,
        at,
        actor,
        released,
        series);
  }

  /**
   * A copy released at {@code at} by {@code actor}; an active reservation also ends at {@code at}.
   */
  public Reservation releasedAt(Instant at, String actor) {
    Instant newEnd = start.isBefore(at) && end.isAfter(at) ? at : end;
    return new Reservation(
        id,
        uuid,
        host,
        owner,
        claims,
        start,
        newEnd,
        message,
        created,
        at,
        actor,
        Optional.of(at),
        series);
  }

  /** A copy that is occurrence {@code of} of a series. */
  public Reservation inSeries(Series of) {
    return new Reservation(
        id,
        uuid,
        host,
        owner,
        claims,
        start,
        end,
        message,
        created,
        updated,
        updatedBy,
        released,
        Optional.of(of));
  }

  /** Whether one of its claims keeps GPU {@code index} from being free. */
  public boolean holdsGpu(int index) {
    return claims.stream().anyMatch(c -> c.holdsGpu(index));
  }

  /** The resources as users type them, e.g. {@code gpu:0-3 host}. */
  public String resourcesText() {
    return String.join(" ", claims.stream().map(c -> c.resource().text()).toList());
  }
}
