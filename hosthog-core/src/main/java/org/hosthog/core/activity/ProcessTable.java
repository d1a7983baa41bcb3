package org.hosthog.core.activity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.HostActivity.BusyProcess;

/**
 * The processes of {@code /proc}: owners, command names and CPU use, as {@code ps} reports them.
 */
public final class ProcessTable {
  private static final Path PROC = Path.of("/proc");
  private static final long CLOCK_TICKS =
      100; // USER_HZ on every Linux architecture hosthog targets

  private ProcessTable() {}

  /**
   * The {@code limit} processes with the highest lifetime CPU use of at least {@code minPercent}.
   */
  public static List<BusyProcess> busiest(int limit, double minPercent) {
    double uptime = uptimeSeconds();
    List<BusyProcess> all = new ArrayList<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        cpu(dir, uptime).filter(p -> p.cpuPercent() >= minPercent).ifPresent(all::add);
      }
    } catch (IOException e) {
      return List.of();
    }
    all.sort(Comparator.comparingDouble(BusyProcess::cpuPercent).reversed());
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** The user owning process {@code pid}, if it still exists. */
  public static Optional<String> owner(long pid) {
    try {
      return Optional.of(Files.getOwner(PROC.resolve(Long.toString(pid))).getName());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The command name ({@code comm}) of process {@code pid}. */
  public static String command(long pid) {
    try {
      return Files.readString(PROC.resolve(pid + "/comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static Optional<BusyProcess> cpu(Path dir, double uptime) {
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      int close = stat.lastIndexOf(')'); // the command may contain spaces and parentheses
      String command = stat.substring(stat.indexOf('(') + 1, close);
      String[] f = stat.substring(close + 2).split(" ");
      // fields after "(comm) ": state=0 ... utime=11 stime=12 ... starttime=19
      double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      double age = uptime - Long.parseLong(f[19]) / (double) CLOCK_TICKS;
      if (age < 1) {
        return Optional.empty();
      }
      long pid = Long.parseLong(dir.getFileName().toString());
      String user = Files.getOwner(dir).getName();
      return Optional.of(new BusyProcess(pid, user, command, 100.0 * ticks / CLOCK_TICKS / age));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the process ended while we looked, or is not ours to read
    }
  }

  private static double uptimeSeconds() {
    try {
      return Double.parseDouble(Files.readString(PROC.resolve("uptime")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
