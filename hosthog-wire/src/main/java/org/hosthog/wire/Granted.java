package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a claim, extend, edit or release that was carried out.
 *
 * @param reservation the reservation after the change (of a series: its first occurrence changed)
 * @param overridden other owners' reservations it conflicts with ({@code --force}); they are told
 * @param occurrences every occurrence a series request made or changed, earliest first; empty for a
 *     change of one reservation
 * @param skipped occurrences not made because others were in the way ({@code --skip-conflicts})
 */
public record Granted(
    ReservationView reservation,
    List<ReservationView> overridden,
    List<ReservationView> occurrences,
    List<Skipped> skipped) {
  public Granted {
    Objects.requireNonNull(reservation, "reservation");
    overridden = List.copyOf(overridden);
    occurrences = List.copyOf(occurrences);
    skipped = List.copyOf(skipped);
  }

  /** A change of one reservation. */
  public Granted(ReservationView reservation, List<ReservationView> overridden) {
    this(reservation, overridden, List.of(), List.of());
  }

  /**
   * An occurrence of a series that was not made.
   *
   * @param start when it would have started
   * @param end when it would have ended
   * @param conflicts the reservations in its way
   */
  public record Skipped(OffsetDateTime start, OffsetDateTime end, List<ReservationView> conflicts) {
    public Skipped {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      conflicts = List.copyOf(conflicts);
    }
  }
}
