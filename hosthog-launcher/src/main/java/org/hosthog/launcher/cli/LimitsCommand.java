package org.hosthog.launcher.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.Limits;
import org.hosthog.text.Spans;
import org.hosthog.wire.LimitsReport;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "limits",
    description = {
      "How much one user may claim on this host ([limits] in its config), and whether they hold"
          + " for you.",
      ""
    },
    footer = {"", ExitCode.HELP})
public final class LimitsCommand extends ClientCommand {
  @Option(names = "--json", description = "Print them as JSON (durations in ISO-8601).")
  boolean json;

  @Override
  void run() {
    LimitsReport report = ask(new Request.Limits());
    if (json) {
      printJson(report);
      return;
    }
    Limits l = report.limits();
    List<String[]> rows = new ArrayList<>();
    rows.add(row("max_duration", text(l.maxDuration()), "longest a reservation may last"));
    rows.add(row("max_future", text(l.maxFuture()), "latest start, counted from now"));
    rows.add(
        row(
            "max_gpus_per_user",
            l.maxGpusPerUser().isPresent() ? Integer.toString(l.maxGpusPerUser().getAsInt()) : "-",
            "GPUs one user may hold at any moment"));
    rows.add(
        row("extend_within", text(l.extendWithin()), "extend only when less than this is left"));
    rows.add(
        row(
            "exempt_groups",
            l.exemptGroups().isEmpty()
                ? "-"
                : String.join(" ", l.exemptGroups().stream().sorted().toList()),
            "not held to the limits (nor are the host's admins)"));
    rows.add(
        row(
            "idle_after",
            text(Optional.of(l.idleAfter())),
            "a claimed GPU with no process, or below idle_below, this long is idle"));
    rows.add(
        row(
            "idle_below",
            l.idleBelowPercent() + " %",
            "a GPU working below this utilisation counts as idle"));
    out().println(Render.align(rows));
    out()
        .println(
            !l.any()
                ? "\nNo limits are set on this host."
                : report.heldToThem()
                    ? "\nThey hold for you; --force does not bypass them."
                    : "\nThey do not hold for you (an admin, or in an exempt group).");
  }

  private static String[] row(String key, String value, String meaning) {
    return new String[] {"  " + key, value, meaning};
  }

  private static String text(Optional<Duration> d) {
    return d.map(Spans::text).orElse("-");
  }
}
