package org.hosthog.launcher.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Text;
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
    List<String[]> sessions = new ArrayList<>();
    for (JsonElement e : s.getAsJsonArray("logged_in")) {
      JsonObject o = e.getAsJsonObject();
      sessions.add(new String[] {"  " + Text.sanitize(o.get("user").getAsString()), Text.sanitize(o.get("tty").getAsString()),
          Text.sanitize(o.get("from").getAsString())});
    }
    if (!sessions.isEmpty()) {
      out().println("\nLogged in:\n" + Render.align(sessions));
    }
    List<String[]> running = new ArrayList<>();
    for (JsonElement e : s.getAsJsonArray("gpu_processes")) {
      JsonObject o = e.getAsJsonObject();
      running.add(new String[] {"  gpu:" + o.get("gpu").getAsInt(), Text.sanitize(o.get("user").getAsString()),
          Text.sanitize(o.get("command").getAsString()) + " (pid " + o.get("pid").getAsLong() + ", " + o.get("memory_mib").getAsLong() + " MiB)"});
    }
    for (JsonElement e : s.getAsJsonArray("busy_processes")) {
      JsonObject o = e.getAsJsonObject();
      running.add(new String[] {"  cpu", Text.sanitize(o.get("user").getAsString()),
          Text.sanitize(o.get("command").getAsString()) + " (pid " + o.get("pid").getAsLong() + ", " + o.get("cpu_percent").getAsLong() + "% CPU)"});
    }
    if (!running.isEmpty()) {
      out().println("\nRunning:\n" + Render.align(running));
    }
  }
}
