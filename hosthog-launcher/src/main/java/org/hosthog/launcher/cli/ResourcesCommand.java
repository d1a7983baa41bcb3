package org.hosthog.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;
import org.hosthog.api.Text;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "resources",
    description = {"What can be claimed on this host.", ""},
    footer = {"", ExitCode.HELP})
public final class ResourcesCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    Inventory inv = ask(new Request.Resources());
    if (json) {
      printJson(inv);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"host", "the whole machine (shared unless --exclusive)"});
    for (Gpu g : inv.gpus()) {
      String name = Text.sanitize(g.name());
      long mib = g.memoryMib();
      rows.add(
          new String[] {
            "gpu:" + g.index(),
            (name.isEmpty() ? "GPU" : name) + (mib > 0 ? ", " + mib / 1024 + " GiB" : "")
          });
    }
    int cpus = inv.cpus();
    rows.add(
        new String[] {
          cpus == 1 ? "cpu:0" : "cpu:0-" + (cpus - 1), cpus + " CPU cores ('cpu' for all)"
        });
    for (String name : inv.extra()) {
      rows.add(new String[] {Text.sanitize(name), "named by the admin"});
    }
    out().println(Render.align(rows));
  }
}
