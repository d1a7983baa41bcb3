package org.hosthog.api;

import java.util.List;
import java.util.Optional;

/**
 * The reservations of one host: what the daemon serves and what embedding programs call.
 *
 * <p>Implementations are thread-safe. Every write checks conflicts and stores in one atomic step;
 * when a method returns {@link Outcome.Granted}, the change is durable. Listeners are told after
 * the commit, off the caller's thread.
 */
public interface Reservations {

  /** Claims resources for {@code actor}, who becomes the owner. */
  Outcome claim(Actor actor, ClaimRequest request);

  /** Changes an existing reservation; only its owner, admins and root may. */
  Outcome edit(Actor actor, long id, EditRequest request);

  /**
   * Ends an active reservation now or cancels a planned one; only its owner, admins and root may.
   */
  Outcome release(Actor actor, long id);

  /**
   * Claims a series for {@code actor}: one reservation per occurrence, sharing a {@link Series};
   * all or nothing unless {@link SeriesRequest#skipConflicts()}.
   */
  SeriesOutcome claimSeries(Actor actor, SeriesRequest request);

  /**
   * Applies {@code request} to occurrence {@code id} and every later occurrence of its series still
   * to come, all or nothing: new times move each by as much as this one moves (on the host's
   * calendar), an extension extends each.
   */
  SeriesOutcome editSeries(Actor actor, long id, EditRequest request);

  /**
   * Releases occurrence {@code id} and cancels every later occurrence of its series; earlier ones
   * stay as they are.
   */
  SeriesOutcome releaseSeries(Actor actor, long id);

  Optional<Reservation> find(long id);

  List<Reservation> list(ReservationQuery query);

  /** How many reservations {@code query} matches, its limit ignored. */
  default int count(ReservationQuery query) {
    return list(query.limitedTo(0)).size();
  }

  /** Every change made to reservation {@code id}, oldest first. */
  List<Change> history(long id);

  /** What can be claimed on this host. */
  Inventory inventory();

  /** How much one user may claim here. */
  default Limits limits() {
    return Limits.none();
  }

  /** Whether {@code actor} is held to {@link #limits()} (not an admin, in no exempt group). */
  default boolean heldToLimits(Actor actor) {
    return false;
  }

  /** Registers a listener for every later event; closing the result unregisters it. */
  Subscription subscribe(HostEventListener listener);
}
