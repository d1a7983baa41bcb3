package org.hosthog.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hosthog.api.Limits;
import org.hosthog.config.TomlSettings;

/** Reads {@code [limits]}; a value out of range stops the daemon with the file, line and key. */
final class LimitsSection {
  static final String KEYS =
      "max_duration, max_future, max_gpus_per_user, extend_within, exempt_groups, idle_after,"
          + " idle_below";
  private static final Duration LONGEST = Duration.ofDays(3660);

  private LimitsSection() {}

  static Limits read(TomlSettings s) {
    Limits limits =
        new Limits(
            span(s, "max_duration"),
            span(s, "max_future"),
            gpus(s),
            span(s, "extend_within"),
            Set.copyOf(s.strings("exempt_groups")),
            span(s, "idle_after").orElse(Limits.DEFAULT_IDLE_AFTER),
            idleBelow(s));
    s.requireNoUnknownKeys(KEYS);
    return limits;
  }

  private static Optional<Duration> span(TomlSettings s, String key) {
    Optional<Duration> d = s.duration(key);
    if (d.isPresent()
        && (d.get().compareTo(Duration.ofMinutes(1)) < 0 || d.get().compareTo(LONGEST) > 0)) {
      throw s.invalid(key, "a duration from \"1m\" to \"3660d\", e.g. \"7d\"");
    }
    return d;
  }

  private static int idleBelow(TomlSettings s) {
    Optional<Long> percent = s.integer("idle_below");
    if (percent.isPresent() && (percent.get() < 1 || percent.get() > 100)) {
      throw s.invalid("idle_below", "a utilisation in percent from 1 to 100, e.g. 5");
    }
    return percent.map(Long::intValue).orElse(Limits.DEFAULT_IDLE_BELOW_PERCENT);
  }

  private static OptionalInt gpus(TomlSettings s) {
    Optional<Long> n = s.integer("max_gpus_per_user");
    if (n.isPresent() && (n.get() < 1 || n.get() > 1024)) {
      throw s.invalid("max_gpus_per_user", "a number of GPUs from 1 to 1024");
    }
    return n.map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
  }
}
