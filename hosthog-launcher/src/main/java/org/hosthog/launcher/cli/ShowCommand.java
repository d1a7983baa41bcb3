package org.hosthog.launcher.cli;

import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "show",
    description = {"Show one reservation and its history.", ""},
    footer = {"", "Example:", "  hosthog show 42", ExitCode.HELP})
public final class ShowCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id (see 'hosthog list').")
  String id;

  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    ReservationView r = ask(new Request.Show(Request.id(id)));
    if (json) {
      printJson(r);
    } else {
      out().println(Render.forTerminal().detail(r));
    }
  }
}
