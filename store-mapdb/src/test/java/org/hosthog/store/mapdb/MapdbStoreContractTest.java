package org.hosthog.store.mapdb;

import java.nio.file.Path;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.tck.StoreContract;

class MapdbStoreContractTest extends StoreContract {
  @Override
  protected ReservationStore open(Path folder) {
    return MapdbStore.open(folder.resolve("hosthog.mapdb"));
  }

  @Override
  protected String providerId() {
    return "mapdb";
  }
}
