package org.hosthog.notify.wall;

import java.util.Objects;

/**
 * One message and who gets it.
 *
 * @param text the message, one line, already sanitised
 * @param audience who gets it
 * @param owner the reservation's owner (for {@link Audience#OWNER})
 */
record Broadcast(String text, Audience audience, String owner) {
  Broadcast {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(owner, "owner");
  }

  /** Who a message reaches. */
  enum Audience {
    /** Routine notices: every terminal whose user allows messages ({@code mesg y}). */
    ROUTINE,
    /** Like {@code shutdown}: every terminal, {@code mesg n} included. */
    URGENT,
    /** The owner's own terminals only. */
    OWNER
  }
}
