package org.hosthog.launcher.cli;

import java.util.Optional;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "extend",
    description = {"Move the end of a reservation later (or earlier).", ""},
    footer = {
      "",
      "Examples:",
      "  hosthog extend 42 --by 2h",
      "  hosthog extend 42 --until fri 18:00",
      ExitCode.HELP
    })
public final class ExtendCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id.")
  String id;

  @Option(names = "--by", paramLabel = "DURATION", description = "Add DURATION to the current end.")
  String by;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      parameterConsumer = WhenConsumer.class,
      description = "End at WHEN.")
  String until;

  @Override
  void run() {
    Request.Extend request =
        new Request.Extend(Request.id(id), Optional.ofNullable(by), Optional.ofNullable(until));
    Render.Row row = Render.row(ask(request).reservation());
    out()
        .println(
            "Reservation " + row.id() + " now ends " + Render.forTerminal().end(row.end()) + ".");
  }
}
