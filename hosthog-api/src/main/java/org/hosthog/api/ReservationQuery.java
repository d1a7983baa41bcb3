package org.hosthog.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which reservations to list, sorted by start then id.
 *
 * @param from only reservations ending after this instant
 * @param to only reservations starting before this instant
 * @param owner only this owner's
 * @param includeReleased also released ones (history)
 * @param limit at most this many, {@code 0} for no limit
 */
public record ReservationQuery(
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> owner,
    boolean includeReleased,
    int limit) {

  public ReservationQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(owner, "owner");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
  }

  /** Active and upcoming reservations at {@code now}: what users see by default. */
  public static ReservationQuery current(Instant now) {
    return new ReservationQuery(Optional.of(now), Optional.empty(), Optional.empty(), false, 0);
  }

  /** Everything ever stored, releases included. */
  public static ReservationQuery history() {
    return new ReservationQuery(Optional.empty(), Optional.empty(), Optional.empty(), true, 0);
  }

  /** Reservations that still count somewhere in {@code [from, to)}. */
  public static ReservationQuery overlapping(Instant from, Instant to) {
    return new ReservationQuery(Optional.of(from), Optional.of(to), Optional.empty(), false, 0);
  }

  public ReservationQuery ownedBy(String user) {
    return new ReservationQuery(from, to, Optional.of(user), includeReleased, limit);
  }

  public ReservationQuery withReleased() {
    return new ReservationQuery(from, to, owner, true, limit);
  }

  public ReservationQuery limitedTo(int max) {
    return new ReservationQuery(from, to, owner, includeReleased, max);
  }

  /** Whether {@code r} matches this query (stores may use it to filter). */
  public boolean matches(Reservation r) {
    return (includeReleased || r.released().isEmpty())
        && from.map(f -> r.end().isAfter(f)).orElse(true)
        && to.map(t -> r.start().isBefore(t)).orElse(true)
        && owner.map(o -> r.owner().equals(o)).orElse(true);
  }
}
