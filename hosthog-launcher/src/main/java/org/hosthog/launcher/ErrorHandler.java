package org.hosthog.launcher;

import org.hosthog.api.HosthogException;
import org.hosthog.launcher.cli.ExitCode;
import org.hosthog.launcher.cli.Refused;
import org.hosthog.wire.DaemonUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns failures into one clear line on stderr and the documented exit code. */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof Refused r) {
      cmd.getErr().println("hosthog: " + r.getMessage());
      return r.exitCode();
    }
    if (e instanceof DaemonUnreachableException) {
      cmd.getErr().println("hosthog: " + e.getMessage());
      return ExitCode.UNREACHABLE;
    }
    if (e instanceof HosthogException) {
      cmd.getErr().println("hosthog: " + e.getMessage());
      return ExitCode.REFUSED;
    }
    cmd.getErr().println("hosthog: internal error: " + e);
    return ExitCode.REFUSED;
  }

  /** Picocli's words, except for an unknown command, which it calls "unmatched arguments". */
  private static String message(ParameterException e, CommandLine cmd) {
    if (e instanceof CommandLine.UnmatchedArgumentException u
        && cmd.getParent() == null
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      return "'" + u.getUnmatched().get(0) + "' is not a hosthog command";
    }
    return e.getMessage();
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("hosthog: " + message(e, cmd));
    // "hosthog clam": picocli knows the near misses among the commands and options
    CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
    cmd.getErr()
        .println(
            "Try '"
                + cmd.getCommandSpec().qualifiedName()
                + " --help' for the options and examples.");
    return ExitCode.USAGE;
  }
}
