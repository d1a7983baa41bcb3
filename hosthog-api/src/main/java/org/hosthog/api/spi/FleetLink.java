package org.hosthog.api.spi;

import java.net.URI;
import java.util.List;
import org.hosthog.api.HostEventListener;

/**
 * A host's link to the fleet's state server: it hears the host's changes (and pushes them), and the
 * daemon asks it for {@code hosthog web}, {@code hosthog fleet} and {@code hosthog fleet usage}.
 * Opened by a {@link FleetLinkProvider} when the config has a {@code [sync.fleet]} section.
 *
 * <p>The questions ask the server and wait for it; they throw {@link
 * org.hosthog.api.PluginException} with a message a person can act on when it cannot answer.
 * Hearing an event never waits for the server.
 */
public interface FleetLink extends HostEventListener, AutoCloseable {

  /** Pushes what is pending now and waits for the result ({@code hosthog sync}). */
  SyncStatus syncNow();

  /** The state after the last attempt, without contacting the server. */
  SyncStatus status();

  /** Stops the link; calling it again does nothing. */
  @Override
  void close();

  /**
   * A one-time login URL for {@code user}, whom the daemon identified from the kernel; valid for a
   * few minutes, usable once.
   */
  URI loginUrl(String user);

  /** Every enrolled host with what is free on it now, as the server knows it. */
  List<FleetHost> hosts();

  /**
   * The fleet's usage statistics for the current period and the three before it.
   *
   * @param groupBy {@code user} or {@code host}
   * @param period {@code day}, {@code week} or {@code month}
   */
  List<FleetUsage> usage(String groupBy, String period);
}
