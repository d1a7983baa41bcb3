package org.hosthog.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Text;
import org.hosthog.wire.Request;
import org.hosthog.wire.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = {"Who uses this host now, what starts later today, what is free.", ""},
    footer = {"", ExitCode.HELP})
public final class StatusCommand extends ClientCommand {
  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    StatusReport s = ask(new Request.Status());
    if (json) {
      printJson(s);
      return;
    }
    Render render = Render.forTerminal();
    List<Render.Row> active = Render.rows(s.active());
    List<Render.Row> later = Render.rows(s.laterToday());
    out()
        .println(
            active.isEmpty()
                ? "Nobody has claimed anything right now."
                : "In use now:\n" + render.table(active));
    if (!later.isEmpty()) {
      out().println("\nLater today:\n" + render.table(later));
      if (s.laterMore() > 0) {
        out().println("… and " + s.laterMore() + " more later today (hosthog list shows them)");
      }
    }
    out().println("\nFree now: " + (s.free().isEmpty() ? "nothing" : String.join(" ", s.free())));
    List<String[]> sessions = new ArrayList<>();
    for (StatusReport.Session x : s.loggedIn()) {
      sessions.add(
          new String[] {
            "  " + Text.sanitize(x.user()), Text.sanitize(x.tty()), Text.sanitize(x.from())
          });
    }
    if (!sessions.isEmpty()) {
      out().println("\nLogged in:\n" + Render.align(sessions));
    }
    List<String[]> running = new ArrayList<>();
    for (StatusReport.GpuProcess p : s.gpuProcesses()) {
      running.add(
          new String[] {
            "  gpu:" + p.gpu(),
            Text.sanitize(p.user()),
            Text.sanitize(p.command()) + " (pid " + p.pid() + ", " + p.memoryMib() + " MiB)"
          });
    }
    for (StatusReport.BusyProcess p : s.busyProcesses()) {
      running.add(
          new String[] {
            "  cpu",
            Text.sanitize(p.user()),
            Text.sanitize(p.command()) + " (pid " + p.pid() + ", " + p.cpuPercent() + "% CPU)"
          });
    }
    if (!running.isEmpty()) {
      out().println("\nRunning:\n" + Render.align(running));
    }
    List<String[]> idle = new ArrayList<>();
    for (StatusReport.IdleGpu g : s.idle()) {
      idle.add(
          new String[] {
            "  gpu:" + g.gpu(),
            Text.sanitize(g.owner()),
            "reservation " + g.reservation() + ", " + g.why() + " since " + hhmm(g.since())
          });
    }
    if (!idle.isEmpty()) {
      out().println("\nIdle (claimed, not working):\n" + Render.align(idle));
    }
    List<String[]> unclaimed = new ArrayList<>();
    for (StatusReport.GpuProcess p : s.unclaimed()) {
      unclaimed.add(
          new String[] {
            "  gpu:" + p.gpu(),
            Text.sanitize(p.user()),
            Text.sanitize(p.command()) + " (pid " + p.pid() + ")"
          });
    }
    if (!unclaimed.isEmpty()) {
      out().println("\nUnclaimed (running, nobody claimed the GPU):\n" + Render.align(unclaimed));
    }
    gpuSample(s.now(), s.gpuSample()).ifPresent(line -> out().println("\n" + line));
  }

  /** The GPU figures' age, or what went wrong getting them; nothing on a host without GPUs. */
  static java.util.Optional<String> gpuSample(
      java.time.OffsetDateTime now, StatusReport.GpuSample sample) {
    if (!sample.problem().isEmpty()) {
      return java.util.Optional.of(
          "GPUs: " + Text.sanitize(sample.problem()) + " (the claims still hold)");
    }
    return sample
        .at()
        .map(at -> "GPUs sampled " + Render.ago(java.time.Duration.between(at, now)) + ".");
  }

  private static String hhmm(java.time.OffsetDateTime t) {
    return String.format("%tR", t);
  }
}
