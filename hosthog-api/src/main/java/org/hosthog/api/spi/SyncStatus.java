package org.hosthog.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How calendar sync is doing.
 *
 * @param lastSuccess when the last complete sync ended
 * @param pending local changes not yet in the calendar
 * @param problems what went wrong lately (unreadable events, server errors), newest first
 */
public record SyncStatus(Optional<Instant> lastSuccess, int pending, List<String> problems) {
  public SyncStatus {
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    problems = List.copyOf(problems);
  }
}
