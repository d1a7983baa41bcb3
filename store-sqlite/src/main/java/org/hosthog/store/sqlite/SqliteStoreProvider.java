package org.hosthog.store.sqlite;

import java.nio.file.Path;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreContext;
import org.hosthog.api.spi.StoreProvider;

/**
 * The {@code sqlite} store: {@code [store.sqlite] file} (default {@code hosthog.db} in the state
 * folder).
 */
public final class SqliteStoreProvider implements StoreProvider {

  @Override
  public String id() {
    return "sqlite";
  }

  @Override
  public String description() {
    return "SQLite file (WAL, durable commits)";
  }

  @Override
  public ReservationStore open(StoreContext context) {
    Path file = context.settings().string("file").map(Path::of).orElse(Path.of("hosthog.db"));
    return SqliteStore.open(context.stateDir().resolve(file));
  }
}
