package org.hosthog.launcher.cli;

import java.util.List;
import java.util.Optional;
import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "edit",
    description = {"Change a reservation's start, end, message, resources or mode.", ""},
    footer = {
      "",
      "Examples:",
      "  hosthog edit 42 -m \"deadline moved\" --until 2026-12-20",
      "  hosthog edit 42 --resources gpu:0-1 --shared",
      "  hosthog edit 42 --at 15:00 --until 17:00 --series   # this occurrence and every later one",
      ExitCode.HELP
    })
public final class EditCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id.")
  String id;

  @Option(
      names = "--at",
      paramLabel = "WHEN",
      parameterConsumer = WhenConsumer.class,
      description = "New start.")
  String at;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      parameterConsumer = WhenConsumer.class,
      description = "New end.")
  String until;

  @Option(
      names = {"-m", "--message"},
      paramLabel = "MESSAGE",
      description = "New message.")
  String message;

  @Option(
      names = "--resources",
      arity = "1..*",
      paramLabel = "R",
      description = "New resources (replace the old ones).")
  List<String> resources;

  @ArgGroup(exclusive = true)
  ModeOptions mode;

  @Option(names = "--force", description = "Record it even if it conflicts.")
  boolean force;

  @Option(
      names = "--series",
      description =
          "Change this occurrence and every later one of its series alike (new times move each by"
              + " as much); all or nothing.")
  boolean series;

  @Override
  void run() {
    Request.Edit request =
        new Request.Edit(
            Request.id(id),
            Optional.ofNullable(at),
            Optional.ofNullable(until),
            Optional.ofNullable(message),
            Optional.ofNullable(resources),
            ModeOptions.of(mode),
            force,
            series);
    Granted granted = ask(request);
    if (series) {
      out().println("Changed " + SeriesText.summary(granted.occurrences()) + ".");
      return;
    }
    Render.Row row = Render.row(granted.reservation());
    out()
        .println(
            "Reservation "
                + row.id()
                + ": "
                + String.join(" ", row.resources())
                + " ("
                + row.mode()
                + ") "
                + Render.forTerminal().when(row)
                + ": "
                + row.message());
  }
}
