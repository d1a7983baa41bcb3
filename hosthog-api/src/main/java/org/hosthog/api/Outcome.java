package org.hosthog.api;

import java.util.List;
import java.util.Objects;

/** What became of a request to claim or change a reservation. */
public sealed interface Outcome permits Outcome.Granted, Outcome.Conflict, Outcome.Denied {

  /**
   * The change was stored.
   *
   * @param reservation the reservation as stored
   * @param overridden reservations it conflicts with, recorded anyway because the caller forced it
   */
  record Granted(Reservation reservation, List<Reservation> overridden) implements Outcome {
    public Granted {
      Objects.requireNonNull(reservation, "reservation");
      overridden = List.copyOf(overridden);
    }
  }

  /** Nothing was stored: other owners hold overlapping claims at overlapping times. */
  record Conflict(List<Reservation> conflicts) implements Outcome {
    public Conflict {
      conflicts = List.copyOf(conflicts);
      if (conflicts.isEmpty()) {
        throw new IllegalArgumentException("a conflict needs the conflicting reservations");
      }
    }
  }

  /** Nothing was stored, for the reason given; {@code message} says what to do instead. */
  record Denied(Reason reason, String message) implements Outcome, SeriesOutcome {
    public Denied {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why a request was denied. */
  enum Reason {
    /** The actor may not change this reservation. */
    NOT_PERMITTED,
    /** No reservation has that id. */
    NOT_FOUND,
    /** The request itself is wrong: unknown resource, end before start, empty message... */
    INVALID,
    /** The request is over one of the host's {@link Limits}; the message names it. */
    OVER_LIMIT
  }
}
