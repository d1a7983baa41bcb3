package org.hosthog.api.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One section of the config file, e.g. {@code [notify.motd]}, read through typed getters.
 *
 * <p>A value of the wrong type throws {@link org.hosthog.api.ConfigException} naming the file,
 * line, key, bad value and what was expected. Keys a provider never reads are reported as unknown
 * when the daemon starts.
 */
public interface Settings {

  /** The section's dotted name, e.g. {@code notify.motd}. */
  String section();

  Optional<String> string(String key);

  Optional<Long> integer(String key);

  Optional<Boolean> bool(String key);

  /** A duration such as {@code "90s"}, {@code "5m"}, {@code "1h30m"} or {@code "PT2H"}. */
  Optional<Duration> duration(String key);

  /** An array of strings; empty when absent. */
  List<String> strings(String key);

  /** A sub-table of string values, e.g. {@code [sync.caldav.users]}; empty when absent. */
  Map<String, String> table(String key);

  /** Fails with the same kind of message as a bad value, for checks the provider makes itself. */
  RuntimeException invalid(String key, String expected);
}
