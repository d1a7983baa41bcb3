package org.hosthog.launcher.cli;

import com.google.gson.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "show", description = {"Show one reservation and its history.", ""}, footer = {"", "Example:", "  hosthog show 42", ExitCode.HELP})
public final class ShowCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id (see 'hosthog list').")
  String id;

  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    JsonObject args = new JsonObject();
    args.addProperty("id", id);
    JsonObject r = ask("show", args).getAsJsonObject();
    if (json) {
      printJson(r);
    } else {
      out().println(Render.forTerminal().detail(r));
    }
  }
}
