package org.hosthog.api.spi;

import org.hosthog.api.HostEventListener;

/**
 * Tells people about events (message of the day, wall, chat...).
 *
 * <p>Receives every event after its change is committed, on its own thread. May be slow or fail:
 * the daemon logs failures and never lets them reach a user's command.
 */
public interface Notifier extends HostEventListener, AutoCloseable {

  /** Stops the notifier; calling it again does nothing. */
  @Override
  void close();
}
