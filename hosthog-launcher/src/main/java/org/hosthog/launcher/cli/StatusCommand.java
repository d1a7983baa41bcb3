package org.hosthog.launcher.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "status", description = {"Who uses this host now, what starts later today, what is free.", ""}, footer = {"", ExitCode.HELP})
public final class StatusCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    JsonObject s = ask("status", new JsonObject()).getAsJsonObject();
    if (json) {
      printJson(s);
      return;
    }
    Render render = Render.forTerminal();
    List<Render.Row> active = Render.reservations(s.getAsJsonArray("active"));
    List<Render.Row> later = Render.reservations(s.getAsJsonArray("later_today"));
    out().println(active.isEmpty() ? "Nobody has claimed anything right now." : "In use now:\n" + render.table(active));
    if (!later.isEmpty()) {
      out().println("\nLater today:\n" + render.table(later));
    }
    List<String> free = new ArrayList<>();
    for (JsonElement e : s.getAsJsonArray("free")) {
      free.add(e.getAsString());
    }
    out().println("\nFree now: " + (free.isEmpty() ? "nothing" : String.join(" ", free)));
  }
}
