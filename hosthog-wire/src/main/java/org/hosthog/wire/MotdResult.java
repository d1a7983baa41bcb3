package org.hosthog.wire;

/** The message of the day, as the motd file holds it. */
public record MotdResult(String text) {
  public MotdResult {
    java.util.Objects.requireNonNull(text, "text");
  }
}
