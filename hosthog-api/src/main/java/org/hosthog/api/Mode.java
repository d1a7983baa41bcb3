package org.hosthog.api;

import java.util.Locale;

/** Whether a claim keeps others off a resource or only announces its use. */
public enum Mode {
  EXCLUSIVE,
  SHARED;

  /** The lower-case name used in commands, JSON and storage. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code exclusive} or {@code shared}, ignoring case. */
  public static Mode parse(String text) {
    for (Mode mode : values()) {
      if (mode.text().equalsIgnoreCase(text.strip())) {
        return mode;
      }
    }
    throw new InvalidInputException(
        "unknown mode '" + text + "': expected 'exclusive' or 'shared'");
  }
}
