package org.hosthog.text;

import java.time.Duration;

/** Durations as the config and the command line write them. */
public final class Spans {
  private Spans() {}

  /** {@code 7d}, {@code 36h}, {@code 1h30m}, {@code 45m}: to the nearest minute. */
  public static String text(Duration d) {
    long m = (d.toSeconds() + 30) / 60;
    if (m > 0 && m % (24 * 60) == 0) {
      return m / (24 * 60) + "d";
    }
    if (m > 0 && m % 60 == 0) {
      return m / 60 + "h";
    }
    return m >= 60 ? m / 60 + "h" + m % 60 + "m" : m + "m";
  }
}
