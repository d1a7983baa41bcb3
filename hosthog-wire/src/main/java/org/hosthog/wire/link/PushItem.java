package org.hosthog.wire.link;

import java.util.Objects;
import org.hosthog.wire.ReservationView;

/**
 * One reservation of a push, with its version (the length of its history): the server never lets an
 * older version overwrite a newer one.
 */
public record PushItem(long version, ReservationView reservation) {
  public PushItem {
    if (version < 1) {
      throw LinkJson.bad("'version' must be a whole number from 1");
    }
    Objects.requireNonNull(reservation, "reservation");
  }
}
