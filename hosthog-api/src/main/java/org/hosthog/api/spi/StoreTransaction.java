package org.hosthog.api.spi;

import org.hosthog.api.Change;
import org.hosthog.api.Reservation;

/** Reads and writes inside one serialisable transaction of a {@link ReservationStore}. */
public interface StoreTransaction extends StoreReader {

  /**
   * Stores a new reservation.
   *
   * @param reservation with id {@link Reservation#UNASSIGNED}
   * @return the reservation with its new id: positive, never reused on this host
   */
  Reservation insert(Reservation reservation);

  /**
   * Stores a reservation under the id it already has, for moving data between stores; later {@link
   * #insert}s get higher ids.
   *
   * @throws org.hosthog.api.StoreException if that id is taken
   */
  void restore(Reservation reservation);

  /** Replaces the stored reservation with the same id. */
  void update(Reservation reservation);

  /** Appends a line to a reservation's history. */
  void record(Change change);
}
