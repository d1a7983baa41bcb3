package org.hosthog.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened on the host that notifiers and calendar sync react to.
 *
 * <p>Events are published after the change is committed, on a thread of their own.
 */
public sealed interface HostEvent {

  /** When it happened. */
  Instant at();

  /** An event about one reservation. */
  sealed interface About extends HostEvent {
    Reservation reservation();
  }

  /** A new reservation; {@code overridden} lists conflicting ones it was forced over. */
  record Created(Reservation reservation, String actor, Instant at, List<Reservation> overridden)
      implements About {
    public Created {
      Objects.requireNonNull(reservation, "reservation");
      overridden = List.copyOf(overridden);
    }
  }

  /** A reservation was edited or extended. */
  record Changed(
      Reservation before,
      Reservation reservation,
      String actor,
      Instant at,
      List<Reservation> overridden)
      implements About {
    public Changed {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(reservation, "reservation");
      overridden = List.copyOf(overridden);
    }
  }

  /** A reservation was released early or cancelled before it started. */
  record Released(Reservation reservation, String actor, Instant at) implements About {}

  /** An exclusive reservation starts soon (the configured heads-up before its start). */
  record StartingSoon(Reservation reservation, Instant at) implements About {}

  /** A reservation ends soon; its owner may want to extend it. */
  record EndingSoon(Reservation reservation, Instant at) implements About {}

  /** A reservation's start time has come. */
  record Started(Reservation reservation, Instant at) implements About {}

  /** A reservation's end time has come. */
  record Ended(Reservation reservation, Instant at) implements About {}

  /** Midnight in the host's zone: schedules "for today" are stale. */
  record NewDay(LocalDate day, Instant at) implements HostEvent {}
}
