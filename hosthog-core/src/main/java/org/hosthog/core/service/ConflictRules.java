package org.hosthog.core.service;

import java.util.Collection;
import java.util.List;
import org.hosthog.api.Claim;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.spi.StoreTransaction;

/**
 * When two reservations cannot both stand (DESIGN.md, "Conflicts").
 *
 * <p>Two reservations of different owners whose times overlap conflict when one of them claims the
 * whole host exclusively, or when they name an overlapping resource and at least one of those two
 * claims is exclusive. A shared whole-host claim therefore conflicts only with an exclusive
 * whole-host claim. Released reservations and a user's own reservations never conflict.
 */
public final class ConflictRules {
  private ConflictRules() {}

  public static boolean conflict(Reservation a, Reservation b) {
    if (a.owner().equals(b.owner())
        || a.released().isPresent()
        || b.released().isPresent()
        || !a.occupies(b.start(), b.end())) {
      return false;
    }
    if (holdsWholeHostExclusively(a) || holdsWholeHostExclusively(b)) {
      return true;
    }
    for (Claim x : a.claims()) {
      for (Claim y : b.claims()) {
        if (clash(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The reservations stored in {@code tx} that {@code candidate} conflicts with. */
  public static List<Reservation> inStore(StoreTransaction tx, Reservation candidate) {
    return conflictsOf(
        candidate, tx.query(ReservationQuery.overlapping(candidate.start(), candidate.end())));
  }

  /**
   * The reservations among {@code others} (other than itself, by UUID) that conflict with {@code
   * candidate}.
   */
  public static List<Reservation> conflictsOf(
      Reservation candidate, Collection<Reservation> others) {
    return others.stream()
        .filter(o -> !o.uuid().equals(candidate.uuid()))
        .filter(o -> conflict(candidate, o))
        .toList();
  }

  private static boolean holdsWholeHostExclusively(Reservation r) {
    return r.claims().stream().anyMatch(c -> c.isWholeHost() && c.isExclusive());
  }

  /** Two claims clash if both name a part of the machine and one holds it exclusively. */
  private static boolean clash(Claim x, Claim y) {
    if (x.isWholeHost() || y.isWholeHost()) {
      return false; // a shared whole-host claim clashes with nothing but an exclusive one (above)
    }
    return (x.isExclusive() || y.isExclusive()) && x.resource().overlaps(y.resource());
  }
}
