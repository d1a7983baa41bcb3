package org.hosthog.api.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a store is opened with.
 *
 * @param host the host's name
 * @param stateDir the folder the daemon may write to (e.g. {@code /var/lib/hosthog})
 * @param settings the store's own config section, {@code [store.<id>]}
 */
public record StoreContext(String host, Path stateDir, Settings settings) {
  public StoreContext {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(settings, "settings");
  }
}
