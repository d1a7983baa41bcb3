package org.hosthog.launcher.cli;

import java.util.Optional;
import org.hosthog.wire.Granted;
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
      "  hosthog extend 42 --by 30m --series   # this occurrence and every later one",
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

  @Option(
      names = "--series",
      description = "Extend this occurrence and every later one of its series alike.")
  boolean series;

  @Override
  void run() {
    Request.Extend request =
        new Request.Extend(
            Request.id(id), Optional.ofNullable(by), Optional.ofNullable(until), series);
    Granted granted = ask(request);
    if (series) {
      out().println("Extended " + SeriesText.summary(granted.occurrences()) + ".");
      return;
    }
    Render.Row row = Render.row(granted.reservation());
    out()
        .println(
            "Reservation " + row.id() + " now ends " + Render.forTerminal().end(row.end()) + ".");
  }
}
