package org.hosthog.launcher.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "plugins", description = {"The store, notifier and calendar sync providers the daemon found (built in and in the plugin folders),", "which are enabled, and plugins that could not be loaded.", ""}, footer = {"", ExitCode.HELP})
public final class PluginsCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    JsonObject answer = ask("plugins", new JsonObject()).getAsJsonObject();
    if (json) {
      printJson(answer);
      return;
    }
    JsonArray plugins = answer.getAsJsonArray("providers");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "ID", "ENABLED", "VERSION", "DESCRIPTION", "SOURCE"});
    for (JsonElement e : plugins) {
      JsonObject p = e.getAsJsonObject();
      rows.add(new String[] {p.get("kind").getAsString(), p.get("id").getAsString(), p.get("enabled").getAsBoolean() ? "yes" : "no",
          p.get("version").getAsString(), p.get("description").getAsString(), p.get("source").getAsString()});
    }
    out().println(Render.align(rows));
    JsonArray problems = answer.getAsJsonArray("problems");
    if (!problems.isEmpty()) {
      out().println("\nNot loaded:");
      for (JsonElement e : problems) {
        JsonObject p = e.getAsJsonObject();
        out().println("  " + org.hosthog.api.Text.sanitize(p.get("source").getAsString()) + ": " + org.hosthog.api.Text.sanitize(p.get("reason").getAsString()));
      }
    }
  }
}
