package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One calendar sync's status after {@code hosthog sync}.
 *
 * @param lastSuccess when it last completed, if ever
 * @param pending local changes the calendar does not show yet
 * @param problems what people should know (events not taken, errors), newest last
 */
public record SyncReport(Optional<OffsetDateTime> lastSuccess, int pending, List<String> problems) {
  public SyncReport {
    java.util.Objects.requireNonNull(lastSuccess, "lastSuccess");
    problems = List.copyOf(problems);
  }
}
