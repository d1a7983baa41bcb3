package org.hosthog.store.sqlite;

import java.nio.file.Path;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.tck.StoreContract;

class SqliteStoreContractTest extends StoreContract {
  @Override
  protected ReservationStore open(Path folder) {
    return SqliteStore.open(folder.resolve("hosthog.db"));
  }

  @Override
  protected String providerId() {
    return "sqlite";
  }
}
