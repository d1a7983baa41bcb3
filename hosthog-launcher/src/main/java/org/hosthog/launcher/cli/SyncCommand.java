package org.hosthog.launcher.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.hosthog.api.Text;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "sync",
    description = {"Synchronise with the team calendar now, then show its status: last success, pending changes, problems.", ""},
    footer = {"", "Needs a [sync.caldav] section in the daemon's config.", ExitCode.HELP})
public final class SyncCommand extends ClientCommand {
  @Override
  void run() {
    for (JsonElement e : ask("sync", new JsonObject()).getAsJsonArray()) {
      JsonObject s = e.getAsJsonObject();
      JsonElement last = s.get("last_success");
      out().println("Last successful sync: " + (last == null || last.isJsonNull() ? "never" : last.getAsString()));
      out().println("Changes waiting for the calendar: " + s.get("pending").getAsInt());
      s.getAsJsonArray("problems").forEach(p -> out().println("  problem: " + Text.sanitize(p.getAsString())));
    }
  }
}
