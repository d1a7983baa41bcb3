package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One sync's status after {@code hosthog sync}.
 *
 * @param lastSuccess when it last completed, if ever
 * @param pending local changes the other side does not show yet
 * @param problems what people should know (events not taken, errors), newest last
 * @param target what it syncs with, for people: {@code calendar} or {@code state server}
 */
public record SyncReport(
    Optional<OffsetDateTime> lastSuccess, int pending, List<String> problems, String target) {
  public SyncReport {
    java.util.Objects.requireNonNull(lastSuccess, "lastSuccess");
    problems = List.copyOf(problems);
    java.util.Objects.requireNonNull(target, "target");
  }

  /** A calendar sync's status. */
  public SyncReport(Optional<OffsetDateTime> lastSuccess, int pending, List<String> problems) {
    this(lastSuccess, pending, problems, "calendar");
  }
}
