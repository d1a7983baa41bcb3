package org.hosthog.launcher;

import java.io.PrintWriter;
import org.hosthog.launcher.cli.Logging;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code hosthog}: the command line entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv()));
  }

  /** Runs one command line; returns the exit code. Tests call this with their own writers. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
    Logging.configure();
    CommandLine cli = HosthogCommand.commandLine(env);
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
