package org.hosthog.wire;

import java.util.List;

/**
 * The answer to a claim, extend, edit or release that was carried out.
 *
 * @param reservation the reservation after the change
 * @param overridden other owners' reservations it conflicts with ({@code --force}); they are told
 */
public record Granted(ReservationView reservation, List<ReservationView> overridden) {
  public Granted {
    java.util.Objects.requireNonNull(reservation, "reservation");
    overridden = List.copyOf(overridden);
  }
}
