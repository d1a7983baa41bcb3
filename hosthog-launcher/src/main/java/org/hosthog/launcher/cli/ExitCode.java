package org.hosthog.launcher.cli;

/** hosthog's exit codes (documented in --help and the README). */
public final class ExitCode {
  public static final int OK = 0;

  /** Refused: a conflict, not permitted, not found, or otherwise not accepted. */
  public static final int REFUSED = 1;

  /** The command line or a value in it (time, duration, resource) was not understood. */
  public static final int USAGE = 2;

  /** No daemon answers. */
  public static final int UNREACHABLE = 3;

  public static final String HELP =
      "%nExit codes:%n  0  ok%n  1  refused: conflict, not permitted, not found%n  2  usage error%n  3  daemon not reachable%n";

  private ExitCode() {}
}
