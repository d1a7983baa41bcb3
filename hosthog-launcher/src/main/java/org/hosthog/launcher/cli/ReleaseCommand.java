package org.hosthog.launcher.cli;

import com.google.gson.JsonObject;
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
    JsonObject args = new JsonObject();
    args.addProperty("id", id);
    ask("release", args);
    out().println("Released reservation " + id + ".");
  }
}
