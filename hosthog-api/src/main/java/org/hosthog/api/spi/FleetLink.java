package org.hosthog.api.spi;

import java.net.URI;
import java.util.List;

/**
 * A host's link to the fleet's state server, as the daemon uses it for {@code hosthog web} and
 * {@code hosthog fleet}. A {@link CalendarSync} that links the host to a server also implements
 * this.
 *
 * <p>Both methods ask the server and wait for it; they throw {@link
 * org.hosthog.api.PluginException} with a message a person can act on when it cannot answer.
 */
public interface FleetLink {

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
