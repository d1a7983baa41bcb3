package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to an existing reservation; an empty field keeps the current value.
 *
 * <p>{@code mode} and {@code extendBy} are relative to the reservation as it stands when the change
 * is applied, inside the same atomic step as the conflict check: two concurrent "extend by 1h" move
 * the end by two hours.
 *
 * @param claims the new resources and modes
 * @param mode without {@code claims}: every current resource in this mode
 * @param start the new start
 * @param end the new end
 * @param extendBy added to the current end (days on the host's calendar); not with {@code end}
 * @param message the new message
 * @param force record it despite conflicts (an announcement; the affected owners are told)
 */
public record EditRequest(
    Optional<List<Claim>> claims,
    Optional<Mode> mode,
    Optional<Instant> start,
    Optional<Instant> end,
    Optional<TimeSpan> extendBy,
    Optional<String> message,
    boolean force) {

  public EditRequest {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(extendBy, "extendBy");
    Objects.requireNonNull(message, "message");
    claims = claims.map(List::copyOf);
    if (end.isPresent() && extendBy.isPresent()) {
      throw new IllegalArgumentException("give a new end or an extension, not both");
    }
  }

  /** New claims, start, end or message (the form before modes and extensions were relative). */
  public EditRequest(
      Optional<List<Claim>> claims,
      Optional<Instant> start,
      Optional<Instant> end,
      Optional<String> message,
      boolean force) {
    this(claims, Optional.empty(), start, end, Optional.empty(), message, force);
  }

  /** Only a new end. */
  public static EditRequest endAt(Instant end) {
    return new EditRequest(
        Optional.empty(), Optional.empty(), Optional.of(end), Optional.empty(), false);
  }

  /** Only a later end: the current end plus {@code span}, whatever it is when applied. */
  public static EditRequest extendBy(TimeSpan span) {
    return new EditRequest(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(span),
        Optional.empty(),
        false);
  }

  /** Whether it changes nothing. */
  public boolean isEmpty() {
    return claims.isEmpty()
        && mode.isEmpty()
        && start.isEmpty()
        && end.isEmpty()
        && extendBy.isEmpty()
        && message.isEmpty();
  }
}
