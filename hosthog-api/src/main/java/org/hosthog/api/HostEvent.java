package org.hosthog.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /** A change someone made: who, and through what if not directly (see {@link Actor#via}). */
  sealed interface ByActor extends About {
    String actor();

    /** What made the change on the actor's behalf, e.g. {@code calendar}; empty if they did. */
    Optional<String> via();
  }

  /** A new reservation; {@code overridden} lists conflicting ones it was forced over. */
  record Created(
      Reservation reservation,
      String actor,
      Instant at,
      List<Reservation> overridden,
      Optional<String> via)
      implements ByActor {
    public Created {
      Objects.requireNonNull(reservation, "reservation");
      overridden = List.copyOf(overridden);
      Objects.requireNonNull(via, "via");
    }

    /** A reservation {@code actor} made directly. */
    public Created(
        Reservation reservation, String actor, Instant at, List<Reservation> overridden) {
      this(reservation, actor, at, overridden, Optional.empty());
    }
  }

  /** A reservation was edited or extended. */
  record Changed(
      Reservation before,
      Reservation reservation,
      String actor,
      Instant at,
      List<Reservation> overridden,
      Optional<String> via)
      implements ByActor {
    public Changed {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(reservation, "reservation");
      overridden = List.copyOf(overridden);
      Objects.requireNonNull(via, "via");
    }

    /** A change {@code actor} made directly. */
    public Changed(
        Reservation before,
        Reservation reservation,
        String actor,
        Instant at,
        List<Reservation> overridden) {
      this(before, reservation, actor, at, overridden, Optional.empty());
    }
  }

  /**
   * Several occurrences of one series made, changed or released by one request: announced once
   * ("alice claimed gpu:0-3 every Tue 14:00–16:00, 12 times from 8 Dec"), not once per occurrence.
   *
   * @param occurrences each occurrence as it is now, earliest first; at least one
   */
  record SeriesChanged(
      Kind kind, List<Reservation> occurrences, String actor, Instant at, Optional<String> via)
      implements ByActor {
    /** What happened to the occurrences. */
    public enum Kind {
      CREATED,
      CHANGED,
      RELEASED
    }

    public SeriesChanged {
      Objects.requireNonNull(kind, "kind");
      occurrences = List.copyOf(occurrences);
      Objects.requireNonNull(via, "via");
      if (occurrences.isEmpty()) {
        throw new IllegalArgumentException("a series change needs its occurrences");
      }
    }

    /** The earliest occurrence. */
    @Override
    public Reservation reservation() {
      return occurrences.get(0);
    }
  }

  /** A reservation was released early or cancelled before it started. */
  record Released(Reservation reservation, String actor, Instant at, Optional<String> via)
      implements ByActor {
    public Released {
      Objects.requireNonNull(via, "via");
    }

    /** A release {@code actor} made directly. */
    public Released(Reservation reservation, String actor, Instant at) {
      this(reservation, actor, at, Optional.empty());
    }
  }

  /** An exclusive reservation starts soon (the configured heads-up before its start). */
  record StartingSoon(Reservation reservation, Instant at) implements About {}

  /** A reservation ends soon; its owner may want to extend it. */
  record EndingSoon(Reservation reservation, Instant at) implements About {}

  /** A reservation's start time has come. */
  record Started(Reservation reservation, Instant at) implements About {}

  /** A reservation's end time has come. */
  record Ended(Reservation reservation, Instant at) implements About {}

  /**
   * A GPU of an active reservation has sat idle since {@code idleSince}, for at least the host's
   * {@code idle_after}: no process on it, or (when {@code utilizationPercent} is present) processes
   * that keep it below {@code idle_below}, now at that; raised once per reservation.
   */
  record GpuIdle(
      Reservation reservation,
      int gpu,
      Instant idleSince,
      java.util.OptionalInt utilizationPercent,
      Instant at)
      implements About {}

  /**
   * A process runs on GPU {@code gpu}, which no active reservation holds; raised once per process.
   */
  record UnclaimedGpuUse(int gpu, long pid, String user, String command, Instant at)
      implements HostEvent {}

  /** Midnight in the host's zone: schedules "for today" are stale. */
  record NewDay(LocalDate day, Instant at) implements HostEvent {}
}
