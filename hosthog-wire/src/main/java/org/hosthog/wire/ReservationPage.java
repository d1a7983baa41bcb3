package org.hosthog.wire;

import java.util.List;

/**
 * The first reservations a {@code list} matches, and how many more it matched.
 *
 * @param reservations the first ones, in the list's order
 * @param more how many were left out
 */
public record ReservationPage(List<ReservationView> reservations, int more) {
  public ReservationPage {
    reservations = List.copyOf(reservations);
    if (more < 0) {
      throw new IllegalArgumentException("more must be >= 0");
    }
  }
}
