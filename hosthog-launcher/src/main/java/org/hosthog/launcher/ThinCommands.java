package org.hosthog.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.hosthog.core.protocol.CommandLines;
import org.hosthog.launcher.cli.GlobalOptions;
import org.hosthog.wire.Calls;
import org.hosthog.wire.CliOutput;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Request;
import org.hosthog.wire.WireException;
import picocli.CommandLine;

/**
 * The daemon's side of {@link ThinClient}: runs a caller's command line with the same commands the
 * CLI has, every request going to the daemon as that caller, and answers with what it printed.
 *
 * <p>Thread-safe: each command line gets a command line model of its own. Runs only what {@link
 * ThinFrames#runsInDaemon} allows, and never expands {@code @FILE} arguments, so a caller cannot
 * make the daemon (often root) read a file.
 */
public final class ThinCommands implements CommandLines {

  @Override
  public CliOutput run(Request.Cli request, Calls caller) {
    if (!ThinFrames.runsInDaemon(request.argv())) {
      throw new WireException(
          ErrorCode.BAD_REQUEST,
          "the daemon runs only these commands for a client: "
              + String.join(", ", ThinFrames.COMMANDS.stream().sorted().toList())
              + ", without --config, --socket, @FILE or help");
    }
    String[] args = request.argv().toArray(String[]::new);
    Map<String, String> env =
        request.columns().map(c -> Map.of("COLUMNS", c.toString())).orElse(Map.of());
    CommandLine cli = HosthogCommand.commandLine(env, args);
    cli.setExpandAtFiles(false);
    GlobalOptions.answeredBy(cli, caller);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    cli.setOut(o);
    cli.setErr(e);
    int code = cli.execute(args);
    o.flush();
    e.flush();
    return new CliOutput(out.toString(), err.toString(), code);
  }
}
