package org.hosthog.launcher.cli;

import com.google.gson.JsonObject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "extend",
    description = {"Move the end of a reservation later (or earlier).", ""},
    footer = {"", "Examples:", "  hosthog extend 42 --by 2h", "  hosthog extend 42 --until fri 18:00", ExitCode.HELP})
public final class ExtendCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id.")
  String id;

  @ArgGroup(exclusive = true, multiplicity = "1")
  By by;

  static final class By {
    @Option(names = "--by", paramLabel = "DURATION", description = "Add DURATION to the current end.")
    String duration;

    @Option(names = "--until", paramLabel = "WHEN", parameterConsumer = WhenConsumer.class, description = "End at WHEN.")
    String until;
  }

  @Override
  void run() {
    JsonObject args = new JsonObject();
    args.addProperty("id", id);
    args.addProperty(by.duration != null ? "by" : "until", by.duration != null ? by.duration : by.until);
    Render.Row row = Render.row(ask("extend", args).getAsJsonObject().getAsJsonObject("reservation"));
    out().println("Reservation " + row.id() + " now ends " + Render.forTerminal().end(row.end()) + ".");
  }
}
