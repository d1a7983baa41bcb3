package org.hosthog.core.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Supplier;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.Settings;
import org.hosthog.api.spi.Vouch;

/** The {@link PluginContext} the daemon hands to notifiers and calendar sync. */
public record Context(
    String host,
    Settings settings,
    Path stateDir,
    Clock clock,
    ZoneId zone,
    Reservations reservations,
    Supplier<HostActivity> probe,
    Set<String> adminGroups,
    Requests requests)
    implements PluginContext {

  /** Serves a socket-protocol line as a user of this host (see {@link #serveAs}). */
  @FunctionalInterface
  public interface Requests {
    String serveAs(String user, String via, Vouch vouch, String requestLine);

    /** For contexts without a daemon, such as {@code hosthog store}. */
    Requests NONE =
        (user, via, vouch, line) -> {
          throw new UnsupportedOperationException("only a hosthog daemon serves requests");
        };
  }

  public Context {
    adminGroups = Set.copyOf(adminGroups);
    java.util.Objects.requireNonNull(requests, "requests");
  }

  @Override
  public String serveAs(String user, String via, Vouch vouch, String requestLine) {
    return requests.serveAs(user, via, vouch, requestLine);
  }

  @Override
  public HostActivity activity() {
    return probe.get();
  }
}
