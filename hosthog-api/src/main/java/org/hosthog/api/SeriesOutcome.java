package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What became of a request about a series: claiming one, or changing or releasing an occurrence and
 * every later one. All or nothing: either every occurrence asked for was changed, or none.
 */
public sealed interface SeriesOutcome
    permits SeriesOutcome.Done, SeriesOutcome.Clashed, Outcome.Denied {

  /**
   * Stored.
   *
   * @param occurrences the occurrences as stored, earliest first
   * @param skipped occurrences not made because others were in the way ({@code --skip-conflicts})
   * @param overridden other owners' reservations it conflicts with, recorded anyway ({@code
   *     --force})
   */
  record Done(List<Reservation> occurrences, List<Clash> skipped, List<Reservation> overridden)
      implements SeriesOutcome {
    public Done {
      occurrences = List.copyOf(occurrences);
      skipped = List.copyOf(skipped);
      overridden = List.copyOf(overridden);
      if (occurrences.isEmpty()) {
        throw new IllegalArgumentException("a series change changes at least one occurrence");
      }
    }
  }

  /** Nothing was stored: other owners hold these occurrences' resources at their times. */
  record Clashed(List<Clash> clashes) implements SeriesOutcome {
    public Clashed {
      clashes = List.copyOf(clashes);
      if (clashes.isEmpty()) {
        throw new IllegalArgumentException("a clash needs the occurrences in conflict");
      }
    }
  }

  /**
   * One occurrence others are in the way of.
   *
   * @param start when the occurrence would start
   * @param end when it would end
   * @param conflicts the reservations in the way
   */
  record Clash(Instant start, Instant end, List<Reservation> conflicts) {
    public Clash {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      conflicts = List.copyOf(conflicts);
    }
  }
}
