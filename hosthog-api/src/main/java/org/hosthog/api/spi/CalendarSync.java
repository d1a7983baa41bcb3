package org.hosthog.api.spi;

import org.hosthog.api.HostEventListener;

/**
 * Keeps the host's reservations and a calendar in step, both ways.
 *
 * <p>Hears local changes as events (and queues them durably); pulls remote changes on {@link
 * #syncNow()} and on its own schedule. Never loses local data when the calendar misbehaves.
 */
public interface CalendarSync extends HostEventListener, AutoCloseable {

  /** Synchronises now, waiting for the result. */
  SyncStatus syncNow();

  /** The state after the last attempt, without contacting the calendar. */
  SyncStatus status();

  /** Stops syncing; calling it again does nothing. */
  @Override
  void close();
}
