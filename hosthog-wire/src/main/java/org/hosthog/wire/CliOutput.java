package org.hosthog.wire;

import java.util.Objects;

/**
 * What a command line printed and its exit code, as the daemon ran it for a {@link Request.Cli}.
 *
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 * @param exit its exit code (0 ok, 1 refused, 2 usage error, ...)
 */
public record CliOutput(String out, String err, int exit) {
  public CliOutput {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }
}
