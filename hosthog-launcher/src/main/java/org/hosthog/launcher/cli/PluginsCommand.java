package org.hosthog.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Text;
import org.hosthog.wire.PluginsReport;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "plugins",
    description = {
      "The store, notifier and calendar sync providers the daemon found (built in and in the plugin folders),",
      "which are enabled, and plugins that could not be loaded.",
      ""
    },
    footer = {"", ExitCode.HELP})
public final class PluginsCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    PluginsReport answer = ask(new Request.Plugins());
    if (json) {
      printJson(answer);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "ID", "ENABLED", "VERSION", "DESCRIPTION", "SOURCE"});
    for (PluginsReport.Provider p : answer.providers()) {
      rows.add(
          new String[] {
            p.kind(), p.id(), p.enabled() ? "yes" : "no", p.version(), p.description(), p.source()
          });
    }
    out().println(Render.align(rows));
    if (!answer.problems().isEmpty()) {
      out().println("\nNot loaded:");
      for (PluginsReport.Problem p : answer.problems()) {
        out().println("  " + Text.sanitize(p.source()) + ": " + Text.sanitize(p.reason()));
      }
    }
  }
}
