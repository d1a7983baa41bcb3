package org.hosthog.api.spi;

import java.util.List;
import java.util.Optional;
import org.hosthog.api.Change;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;

/** Read access to a store, inside or outside a transaction. */
public interface StoreReader {

  Optional<Reservation> find(long id);

  /** Matching reservations sorted by start, then id. Must use an index for time windows. */
  List<Reservation> query(ReservationQuery query);

  /** The changes of one reservation, oldest first. */
  List<Change> history(long id);
}
