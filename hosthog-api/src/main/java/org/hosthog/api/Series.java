package org.hosthog.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The series a reservation belongs to: one claim with {@code --every} makes one reservation per
 * occurrence, each with its own id, all sharing this series' {@code id}.
 *
 * <p>The rule and its first start say where every occurrence was placed, so a calendar can write
 * the series as one recurring event and each occurrence's original slot (its RECURRENCE-ID), even
 * after the occurrence was moved.
 *
 * @param id shared by every occurrence of the series
 * @param every the rule as {@code --every} takes it: {@code day}, {@code weekday}, {@code week},
 *     {@code Nd}, {@code Nw}
 * @param first where the rule placed the first occurrence's start (its wall-clock time repeats in
 *     the host's time zone)
 * @param index this occurrence's place in the rule, from 1 (skipped places are not made)
 * @param count how many places the rule had when the series was made
 */
public record Series(UUID id, String every, Instant first, int index, int count) {
  public Series {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(every, "every");
    first = Objects.requireNonNull(first, "first").truncatedTo(ChronoUnit.MILLIS);
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("occurrence " + index + " of " + count);
    }
  }

  /** Where this occurrence stands, e.g. {@code 3 of 12}. */
  public String place() {
    return index + " of " + count;
  }
}
