package org.hosthog.launcher.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Stands for {@code hosthog server} where the state server is not installed: the {@code hosthog}
 * script runs the server's own entry point when its jars are there (see the README).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "server",
    description = {
      "Run the fleet's state server, or manage it: enroll HOST, hosts, revoke HOST.",
      "",
      "Part of the hosthog-server package; hosts do not need it.",
      ""
    },
    footer = {"", ExitCode.HELP})
public final class ServerCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", hidden = true)
  List<String> args;

  @Override
  public Integer call() {
    throw new Refused(
        "the hosthog state server is not installed here: install the hosthog-server package"
            + " (or run it from a build: hosthog-launcher/target/hosthog/bin/hosthog server)",
        ExitCode.USAGE);
  }
}
