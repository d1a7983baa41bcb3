package org.hosthog.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a reservation's history: who did what, when.
 *
 * @param reservationId the reservation's id
 * @param at when
 * @param actor the user who made the change
 * @param kind what happened
 * @param detail a short human description such as {@code end 2026-12-01T10:00Z ->
 *     2026-12-02T10:00Z}
 */
public record Change(long reservationId, Instant at, String actor, Kind kind, String detail) {
  public Change {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** The kinds of change. */
  public enum Kind {
    CREATED,
    CHANGED,
    RELEASED
  }
}
