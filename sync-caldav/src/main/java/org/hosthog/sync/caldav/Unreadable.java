package org.hosthog.sync.caldav;

/**
 * A calendar event hosthog cannot turn into a reservation; the message says why, for {@code hosthog
 * sync}.
 */
final class Unreadable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Unreadable(String reason) {
    super(reason);
  }
}
