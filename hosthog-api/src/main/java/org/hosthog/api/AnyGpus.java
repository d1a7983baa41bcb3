package org.hosthog.api;

import java.util.List;
import java.util.Objects;

/**
 * "Any {@code count} GPUs" in a claim: the service takes, in one step with the conflict check, the
 * first {@code count} GPUs of {@code preference} that no other owner's claim holds at any moment of
 * the span.
 *
 * @param count how many, from 1
 * @param mode how they are claimed (exclusive unless asked otherwise)
 * @param preference GPU indices in the order to try them, e.g. idle ones first; GPUs left out are
 *     tried last, lowest index first
 */
public record AnyGpus(int count, Mode mode, List<Integer> preference) {
  public AnyGpus {
    if (count < 1) {
      throw new IllegalArgumentException("ask for at least one GPU");
    }
    Objects.requireNonNull(mode, "mode");
    preference = List.copyOf(preference);
  }

  /** Any {@code count} GPUs, exclusively, lowest index first. */
  public static AnyGpus of(int count) {
    return new AnyGpus(count, Mode.EXCLUSIVE, List.of());
  }
}
