package org.hosthog.launcher;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.hosthog.launcher.cli.GlobalOptions;
import org.hosthog.launcher.cli.Logging;
import org.hosthog.launcher.repl.Repl;
import picocli.CommandLine;

/** {@code hosthog}: the command line entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            System.getenv()));
  }

  /** Runs one command line; returns the exit code. Tests call this with their own writers. */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
    Logging.configure();
    CommandLine cli = HosthogCommand.commandLine(env, args);
    cli.setOut(out);
    cli.setErr(err);
    try {
      int code = cli.execute(args);
      HosthogCommand root = cli.getCommand();
      return root.shellRequested() ? shell(cli, args, err, env) : code;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** No arguments: the hosthog> shell on a terminal, else the commands piped on stdin. */
  private static int shell(
      CommandLine cli, String[] globalArgs, PrintWriter err, java.util.Map<String, String> env) {
    try {
      java.util.List<java.nio.file.Path> sockets =
          GlobalOptions.socketsFor(cli, env); // before later runs reset the options
      Repl repl = new Repl(cli, java.util.List.of(globalArgs));
      if (System.console() != null) {
        return repl.interactive(env, () -> sockets);
      }
      return repl.script(
          new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)),
          err);
    } catch (java.io.IOException e) {
      err.println("hosthog: " + e.getMessage());
      return 1;
    }
  }
}
