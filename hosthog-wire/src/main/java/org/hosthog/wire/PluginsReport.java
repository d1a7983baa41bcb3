package org.hosthog.wire;

import java.util.List;

/** What {@code hosthog plugins} shows: every provider found, and plugins that did not load. */
public record PluginsReport(List<Provider> providers, List<Problem> problems) {
  public PluginsReport {
    providers = List.copyOf(providers);
    problems = List.copyOf(problems);
  }

  /**
   * One provider.
   *
   * @param kind {@code store}, {@code notifier} or {@code calendar sync}
   * @param source the jar (or class) it came from
   */
  public record Provider(
      String kind, String id, String description, String version, String source, boolean enabled) {}

  /** A plugin that could not be used: its jar or folder, and why. */
  public record Problem(String source, String reason) {}
}
