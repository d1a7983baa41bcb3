package org.hosthog.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Resource;
import org.hosthog.config.TomlSettings;

/** The checks of single values of the daemon's config; each error names the key and what fits. */
final class ConfigValues {
  private ConfigValues() {}

  static final java.util.regex.Pattern HOST =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /**
   * A host name as it appears in the motd, wall messages and calendar titles ({@code [gpu-box]}).
   */
  static String hostName(TomlSettings daemon, String name) {
    if (!HOST.matcher(name).matches()) {
      throw daemon.invalid(
          "host",
          "a host name of letters, digits, '.', '-' and '_' (at most 63), e.g. \"gpu-box\"");
    }
    return name;
  }

  static OptionalInt gpuCount(TomlSettings resources) {
    Optional<Long> n = resources.integer("gpus");
    if (n.isPresent() && (n.get() < 0 || n.get() > 1024)) {
      throw resources.invalid("gpus", "a number of GPUs from 0 to 1024");
    }
    return n.map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
  }

  static List<String> resourceNames(TomlSettings resources) {
    List<String> names = resources.strings("extra");
    for (String name : names) {
      try {
        new Resource.Named(name);
      } catch (HosthogException e) {
        throw resources.invalid(
            "extra", "resource names like \"fpga0\" or \"scratch\" (" + e.getMessage() + ")");
      }
    }
    if (Set.copyOf(names).size() != names.size()) {
      throw resources.invalid("extra", "each name only once");
    }
    return names;
  }

  static List<String> orDefault(
      List<String> values, TomlSettings s, String key, List<String> fallback) {
    return s.rawTable().isPresent() && s.rawTable().get().contains(key) ? values : fallback;
  }

  static Duration positive(TomlSettings s, String key, Duration d) {
    if (d.isNegative()) {
      throw s.invalid(key, "a positive duration");
    }
    return d;
  }

  static Path absolutePath(TomlSettings s, String key, String value) {
    if (!value.startsWith("/")) {
      throw s.invalid(key, "an absolute path, starting with /");
    }
    return Path.of(value);
  }

  static String id(TomlSettings s, String key, String value) {
    if (!value.matches("[a-z][a-z0-9-]{0,39}")) {
      throw s.invalid(key, "a plugin id: lower-case letters, digits and '-'");
    }
    return value;
  }

  /** How often GPUs are sampled: from 1 s (costly) to 5 min (idle found late). */
  static Duration sampleEvery(TomlSettings resources, Duration otherwise) {
    Optional<Duration> every = resources.duration("sample_every");
    if (every.isPresent()
        && (every.get().compareTo(Duration.ofSeconds(1)) < 0
            || every.get().compareTo(Duration.ofMinutes(5)) > 0)) {
      throw resources.invalid("sample_every", "a duration from \"1s\" to \"5m\", e.g. \"1m\"");
    }
    return every.orElse(otherwise);
  }
}
