package org.hosthog.api;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to claim the same resources again and again ({@code hosthog claim ... --every}): one
 * reservation per occurrence, all or nothing.
 *
 * @param first the first occurrence: its resources, start, end, message and {@code force}; "any N
 *     GPUs" is not asked for in a series
 * @param every the rule as {@code --every} takes it: {@code day}, {@code weekday}, {@code week},
 *     {@code Nd}, {@code Nw}
 * @param count how many occurrences; exactly one of {@code count} and {@code through}
 * @param through the last day an occurrence may start on, in the host's time zone
 * @param skipConflicts make the occurrences nobody is in the way of and name the others, instead of
 *     making nothing
 */
public record SeriesRequest(
    ClaimRequest first,
    String every,
    OptionalInt count,
    Optional<LocalDate> through,
    boolean skipConflicts) {
  public SeriesRequest {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(count, "count");
    Objects.requireNonNull(through, "through");
  }
}
