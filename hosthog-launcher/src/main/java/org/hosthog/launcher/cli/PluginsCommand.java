package org.hosthog.launcher.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "plugins", description = {"The store, notifier and calendar sync providers the daemon found, and which are enabled.", ""}, footer = {"", ExitCode.HELP})
public final class PluginsCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    JsonArray plugins = ask("plugins", new JsonObject()).getAsJsonArray();
    if (json) {
      printJson(plugins);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "ID", "ENABLED", "VERSION", "DESCRIPTION", "SOURCE"});
    for (JsonElement e : plugins) {
      JsonObject p = e.getAsJsonObject();
      rows.add(new String[] {p.get("kind").getAsString(), p.get("id").getAsString(), p.get("enabled").getAsBoolean() ? "yes" : "no",
          p.get("version").getAsString(), p.get("description").getAsString(), p.get("source").getAsString()});
    }
    out().println(Render.align(rows));
  }
}
