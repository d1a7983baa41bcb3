package org.hosthog.api.spi;

/** Finds and opens a {@link ReservationStore}; registered for {@link java.util.ServiceLoader}. */
public interface StoreProvider extends Provider {

  /**
   * Opens (creating if needed) the store.
   *
   * @throws org.hosthog.api.StoreException if it cannot be opened, is corrupt or was written by a
   *     newer version; the data is then left untouched
   */
  ReservationStore open(StoreContext context);
}
