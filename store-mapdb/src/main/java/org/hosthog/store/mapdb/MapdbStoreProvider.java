package org.hosthog.store.mapdb;

import java.nio.file.Path;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreContext;
import org.hosthog.api.spi.StoreProvider;

/**
 * The {@code mapdb} store: {@code [store.mapdb] file} (default {@code hosthog.mapdb} in the state
 * folder).
 */
public final class MapdbStoreProvider implements StoreProvider {

  @Override
  public String id() {
    return "mapdb";
  }

  @Override
  public String description() {
    return "MapDB file (write-ahead log, B-tree indexes)";
  }

  @Override
  public ReservationStore open(StoreContext context) {
    Path file = context.settings().string("file").map(Path::of).orElse(Path.of("hosthog.mapdb"));
    return MapdbStore.open(context.stateDir().resolve(file));
  }
}
