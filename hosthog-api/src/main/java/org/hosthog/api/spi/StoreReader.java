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

  /**
   * How many reservations {@code query} matches, its limit ignored. The default reads them all; a
   * store that can count without reading rows should (a cut {@code hosthog list} asks this).
   */
  default int count(ReservationQuery query) {
    return query(query.limitedTo(0)).size();
  }

  /** The changes of one reservation, oldest first. */
  List<Change> history(long id);
}
