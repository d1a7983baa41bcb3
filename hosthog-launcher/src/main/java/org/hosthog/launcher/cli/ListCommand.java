package org.hosthog.launcher.cli;

import com.google.gson.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "list",
    description = {"Show active and upcoming reservations of this host.", ""},
    footer = {"", "Examples:", "  hosthog list", "  hosthog list --mine", "  hosthog list --all --user alice --json", ExitCode.HELP})
public final class ListCommand extends ClientCommand {
  @Option(names = "--all", description = "Also ended and released ones (the history).")
  boolean all;

  @Option(names = "--mine", description = "Only yours.")
  boolean mine;

  @Option(names = "--user", paramLabel = "U", description = "Only those of user U.")
  String user;

  @Option(names = "--json", description = "Print a JSON array of reservations.")
  boolean json;

  @Override
  void run() {
    JsonObject args = new JsonObject();
    args.addProperty("all", all);
    args.addProperty("mine", mine);
    if (user != null) {
      args.addProperty("user", user);
    }
    var result = ask("list", args).getAsJsonArray();
    if (json) {
      printJson(result);
    } else {
      out().println(Render.forTerminal().table(Render.reservations(result)));
    }
  }
}
