package org.hosthog.launcher.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --exclusive | --shared}, at most one. */
final class ModeOptions {
  @Option(
      names = "--exclusive",
      description = "Keep others off these resources (default for all but 'host').")
  boolean exclusive;

  @Option(names = "--shared", description = "Others may use them too (default for 'host').")
  boolean shared;

  static Optional<String> of(ModeOptions m) {
    if (m == null) {
      return Optional.empty();
    }
    return Optional.of(m.exclusive ? "exclusive" : "shared");
  }
}
