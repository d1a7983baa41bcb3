package org.hosthog.api;

/**
 * Receives {@link HostEvent}s.
 *
 * <p>Called on a thread owned by hosthog, one event at a time per listener, in order. A listener
 * that throws is logged and keeps receiving later events; it never fails the change that caused the
 * event.
 */
@FunctionalInterface
public interface HostEventListener {
  void onEvent(HostEvent event);
}
