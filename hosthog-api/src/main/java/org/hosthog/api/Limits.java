package org.hosthog.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A host's rules on how much one user may claim ({@code [limits]} in the config). Every claim and
 * change is checked against them in the same step as conflicts; {@code --force} does not bypass
 * them, members of {@code exemptGroups} and the host's admins are not held to them.
 *
 * @param maxDuration longest a reservation may last, start to end
 * @param maxFuture latest a reservation may start, counted from now
 * @param maxGpusPerUser most GPUs one user may hold at any moment (an exclusive claim of the whole
 *     host holds them all)
 * @param extendWithin a reservation's end may move later only when less than this is left of it
 * @param exemptGroups members are not held to these limits
 * @param idleAfter a claimed GPU with no process, or one working below {@code idleBelowPercent},
 *     for this long is called idle
 * @param idleBelowPercent a GPU's utilisation below this (0 to 100) counts as idle
 */
public record Limits(
    Optional<Duration> maxDuration,
    Optional<Duration> maxFuture,
    OptionalInt maxGpusPerUser,
    Optional<Duration> extendWithin,
    Set<String> exemptGroups,
    Duration idleAfter,
    int idleBelowPercent) {
  public static final Duration DEFAULT_IDLE_AFTER = Duration.ofHours(2);
  public static final int DEFAULT_IDLE_BELOW_PERCENT = 5;

  public Limits {
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(maxFuture, "maxFuture");
    Objects.requireNonNull(maxGpusPerUser, "maxGpusPerUser");
    Objects.requireNonNull(extendWithin, "extendWithin");
    exemptGroups = Set.copyOf(exemptGroups);
    Objects.requireNonNull(idleAfter, "idleAfter");
    if (idleBelowPercent < 0 || idleBelowPercent > 100) {
      throw new IllegalArgumentException("idleBelowPercent not 0..100: " + idleBelowPercent);
    }
  }

  /** No limits (the default). */
  public static Limits none() {
    return new Limits(
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Set.of(),
        DEFAULT_IDLE_AFTER,
        DEFAULT_IDLE_BELOW_PERCENT);
  }

  /** Whether any limit is set. */
  public boolean any() {
    return maxDuration.isPresent()
        || maxFuture.isPresent()
        || maxGpusPerUser.isPresent()
        || extendWithin.isPresent();
  }
}
