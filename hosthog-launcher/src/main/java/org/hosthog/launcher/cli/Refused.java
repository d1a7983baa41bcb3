package org.hosthog.launcher.cli;

import org.hosthog.api.HosthogException;

/** The daemon said no (or the input was wrong); carries the exit code to use. */
public final class Refused extends HosthogException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public Refused(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
