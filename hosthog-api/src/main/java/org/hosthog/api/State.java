package org.hosthog.api;

import java.util.Locale;

/** Where a reservation is in its life, always derived from its times and the present. */
public enum State {
  PLANNED,
  ACTIVE,
  ENDED,
  RELEASED;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
