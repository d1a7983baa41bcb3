package org.hosthog.launcher.cli;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Text;
import org.hosthog.wire.GpuLine;
import org.hosthog.wire.Request;
import org.hosthog.wire.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "gpus",
    description = {
      "Every GPU: utilisation, memory, the processes on it and their users, who claimed it until"
          + " when, and whether it sits idle or is used unclaimed. From the daemon's last sample"
          + " ([resources] sample_every), so it answers at once however slow nvidia-smi is.",
      ""
    },
    footer = {"", ExitCode.HELP})
public final class GpusCommand extends ClientCommand {
  @Option(names = "--json", description = "Print them as JSON, one object per GPU.")
  boolean json;

  @Option(
      names = "--watch",
      description = "Refresh in place every 2 seconds, like watch(1); Ctrl-C ends it.")
  boolean watch;

  static final Duration REFRESH = Duration.ofSeconds(2);

  @Override
  void run() {
    if (!watch) {
      show(ask(new Request.Gpus()));
      return;
    }
    while (!Thread.currentThread().isInterrupted()) {
      List<GpuLine> gpus = ask(new Request.Gpus());
      out().print("\033[H\033[2J"); // home and clear, as watch(1) does
      show(gpus);
      out().flush();
      try {
        Thread.sleep(REFRESH.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void show(List<GpuLine> gpus) {
    if (json) {
      printJson(gpus);
      return;
    }
    if (gpus.isEmpty()) {
      out().println("This host has no GPUs (or [resources] gpus = 0).");
      return;
    }
    out().println(Render.align(rows(gpus, Render.forTerminal())));
    GpuLine first = gpus.get(0);
    StatusCommand.gpuSample(
            OffsetDateTime.now(), new StatusReport.GpuSample(first.sampledAt(), first.problem()))
        .or(() -> java.util.Optional.of("GPUs not sampled yet: the first sample is on its way."))
        .ifPresent(line -> out().println("\n" + line));
  }

  static List<String[]> rows(List<GpuLine> gpus, Render render) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"GPU", "NAME", "UTIL", "MEMORY", "PROCESSES", "CLAIMED BY", ""});
    for (GpuLine g : gpus) {
      rows.add(
          new String[] {
            g.gpu(),
            Text.sanitize(g.name()),
            g.utilizationPercent().isPresent() ? g.utilizationPercent().getAsInt() + " %" : "-",
            g.utilizationPercent().isPresent()
                ? g.memoryUsedMib() + " / " + g.memoryTotalMib() + " MiB"
                : "- / " + g.memoryTotalMib() + " MiB",
            processes(g),
            claims(g, render),
            marks(g)
          });
    }
    return rows;
  }

  private static String processes(GpuLine g) {
    if (g.processes().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (StatusReport.GpuProcess p : g.processes()) {
      parts.add(Text.sanitize(p.user()) + " " + Text.sanitize(p.command()) + " (" + p.pid() + ")");
    }
    return String.join(", ", parts);
  }

  private static String claims(GpuLine g, Render render) {
    if (g.claims().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (GpuLine.Claim c : g.claims()) {
      parts.add(
          Text.sanitize(c.owner())
              + (c.mode().equals("shared") ? " (shared)" : "")
              + " until "
              + render.end(c.until())
              + " #"
              + c.id());
    }
    return String.join(", ", parts);
  }

  private static String marks(GpuLine g) {
    if (g.idle().isPresent()) {
      GpuLine.Idle i = g.idle().get();
      return "IDLE: " + i.why() + " since " + String.format("%tR", i.since());
    }
    return g.unclaimed() ? "UNCLAIMED" : "";
  }
}
