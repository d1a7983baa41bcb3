package org.hosthog.tck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.api.ConfigException;
import org.hosthog.api.spi.Settings;

/** A config section with no keys: every provider must work on its defaults. */
public enum EmptySettings implements Settings {
  INSTANCE;

  @Override
  public String section() {
    return "(empty)";
  }

  @Override
  public Optional<String> string(String key) {
    return Optional.empty();
  }

  @Override
  public Optional<Long> integer(String key) {
    return Optional.empty();
  }

  @Override
  public Optional<Boolean> bool(String key) {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> duration(String key) {
    return Optional.empty();
  }

  @Override
  public List<String> strings(String key) {
    return List.of();
  }

  @Override
  public Map<String, String> table(String key) {
    return Map.of();
  }

  @Override
  public RuntimeException invalid(String key, String expected) {
    return new ConfigException("[" + section() + "] " + key + ": expected " + expected);
  }
}
