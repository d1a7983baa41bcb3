package org.hosthog.launcher.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "resources", description = {"What can be claimed on this host.", ""}, footer = {"", ExitCode.HELP})
public final class ResourcesCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    JsonObject inv = ask("resources", new JsonObject()).getAsJsonObject();
    if (json) {
      printJson(inv);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"host", "the whole machine (shared unless --exclusive)"});
    for (JsonElement e : inv.getAsJsonArray("gpus")) {
      JsonObject g = e.getAsJsonObject();
      String name = Text.sanitize(g.get("name").getAsString());
      long mib = g.get("memory_mib").getAsLong();
      rows.add(new String[] {"gpu:" + g.get("index").getAsInt(), (name.isEmpty() ? "GPU" : name) + (mib > 0 ? ", " + mib / 1024 + " GiB" : "")});
    }
    int cpus = inv.get("cpus").getAsInt();
    rows.add(new String[] {cpus == 1 ? "cpu:0" : "cpu:0-" + (cpus - 1), cpus + " CPU cores ('cpu' for all)"});
    for (JsonElement e : inv.getAsJsonArray("extra")) {
      rows.add(new String[] {Text.sanitize(e.getAsString()), "named by the admin"});
    }
    out().println(Render.align(rows));
  }
}
