package org.hosthog.launcher.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
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
      ExitCode.HELP
    })
public final class EditCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id.")
  String id;

  @Option(names = "--at", paramLabel = "WHEN", parameterConsumer = WhenConsumer.class, description = "New start.")
  String at;

  @Option(names = "--until", paramLabel = "WHEN", parameterConsumer = WhenConsumer.class, description = "New end.")
  String until;

  @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "New message.")
  String message;

  @Option(names = "--resources", arity = "1..*", paramLabel = "R", description = "New resources (replace the old ones).")
  List<String> resources;

  @ArgGroup(exclusive = true)
  ModeOptions mode;

  @Option(names = "--force", description = "Record it even if it conflicts.")
  boolean force;

  @Override
  void run() {
    JsonObject args = new JsonObject();
    args.addProperty("id", id);
    if (at != null) {
      args.addProperty("at", at);
    }
    if (until != null) {
      args.addProperty("until", until);
    }
    if (message != null) {
      args.addProperty("message", message);
    }
    if (resources != null) {
      JsonArray list = new JsonArray();
      resources.forEach(list::add);
      args.add("resources", list);
    }
    ModeOptions.of(mode).ifPresent(m -> args.addProperty("mode", m));
    args.addProperty("force", force);
    Render.Row row = Render.row(ask("edit", args).getAsJsonObject().getAsJsonObject("reservation"));
    out().println("Reservation " + row.id() + ": " + String.join(" ", row.resources()) + " (" + row.mode() + ") "
        + Render.forTerminal().when(row) + ": " + row.message());
  }
}
