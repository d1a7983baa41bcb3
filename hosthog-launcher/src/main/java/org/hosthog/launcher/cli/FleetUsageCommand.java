package org.hosthog.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hosthog.api.Text;
import org.hosthog.api.spi.FleetUsage;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "usage",
    description = {
      "GPU-hours per user or host from the state server: claimed (held by reservations), used (a"
          + " process ran), busy (used, weighted by the GPU's utilisation), idle claimed (claimed,"
          + " no process) and unclaimed (a process on a GPU nobody claimed); efficiency is busy ÷"
          + " claimed. The current period and the three before it.",
      "",
      "Examples:",
      "  hosthog fleet usage",
      "  hosthog fleet usage --by host --period month",
      ""
    },
    footer = {"", "Needs a [sync.fleet] section in the daemon's config.", ExitCode.HELP})
public final class FleetUsageCommand extends ClientCommand {
  @Option(
      names = "--by",
      paramLabel = "user|host",
      description = "One row per user (default) or per host.")
  String by = "user";

  @Option(
      names = "--period",
      paramLabel = "day|week|month",
      description = "One row per day, week (default; from Monday) or month.")
  String period = "week";

  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    List<FleetUsage> rows = ask(new Request.FleetUsage(by, period));
    if (json) {
      printJson(rows);
      return;
    }
    if (rows.isEmpty()) {
      out().println("No GPU-hours were claimed or used in these " + period + "s.");
      return;
    }
    List<String[]> table = new ArrayList<>();
    table.add(
        new String[] {
          by.toUpperCase(Locale.ROOT),
          period.toUpperCase(Locale.ROOT),
          "CLAIMED",
          "USED",
          "BUSY",
          "IDLE CLAIMED",
          "UNCLAIMED",
          "EFFICIENCY"
        });
    for (FleetUsage u : rows) {
      table.add(
          new String[] {
            Text.sanitize(u.who()),
            (period.equals("week") ? "from " : "") + u.period(),
            hours(u.claimed()),
            hours(u.used()),
            hours(u.busy()),
            hours(u.idleClaimed()),
            hours(u.unclaimed()),
            efficiency(u.busy(), u.claimed())
          });
    }
    out().println(Render.align(table));
    out().println("GPU-hours; days as the state server counts them.");
  }

  /** One decimal; a small amount keeps two, or shows as under 0.01, never as 0.0. */
  static String hours(double h) {
    if (h == 0) {
      return "0";
    }
    if (h < 0.01) {
      return "<0.01";
    }
    return String.format(Locale.ROOT, h < 0.1 ? "%.2f" : "%.1f", h);
  }

  /** Busy ÷ claimed as a percentage; "-" when nothing was claimed (0 ÷ 0 is not 100 %). */
  static String efficiency(double busy, double claimed) {
    return claimed == 0 ? "-" : Math.round(100 * busy / claimed) + " %";
  }
}
