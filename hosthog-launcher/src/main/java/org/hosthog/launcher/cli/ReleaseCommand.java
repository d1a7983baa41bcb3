package org.hosthog.launcher.cli;

import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "release",
    description = {"End a reservation now, or cancel one that has not started.", ""},
    footer = {"", "Example:", "  hosthog release 42", ExitCode.HELP})
public final class ReleaseCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id.")
  String id;

  @Override
  void run() {
    long number = Request.id(id);
    ask(new Request.Release(number));
    out().println("Released reservation " + number + ".");
  }
}
