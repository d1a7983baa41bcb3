package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who is really on the host now, whatever they claimed: logged-in sessions, processes on GPUs, and
 * the busiest processes.
 *
 * @param sessions login sessions (from utmp), one per terminal
 * @param gpuProcesses processes using a GPU (from {@code nvidia-smi}); empty without GPUs
 * @param busyProcesses the processes using the most CPU, busiest first
 */
public record HostActivity(
    List<Session> sessions, List<GpuProcess> gpuProcesses, List<BusyProcess> busyProcesses) {
  public HostActivity {
    sessions = List.copyOf(sessions);
    gpuProcesses = List.copyOf(gpuProcesses);
    busyProcesses = List.copyOf(busyProcesses);
  }

  public static HostActivity none() {
    return new HostActivity(List.of(), List.of(), List.of());
  }

  /**
   * A login on a terminal.
   *
   * @param user the user name
   * @param tty the terminal below {@code /dev}, e.g. {@code pts/3}
   * @param from the remote host, or empty for a local login
   * @param since when the session began
   * @param pid the session leader
   */
  public record Session(String user, String tty, String from, Instant since, long pid) {
    public Session {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(tty, "tty");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(since, "since");
    }
  }

  /** A process on GPU {@code gpu} using {@code memoryMib} of its memory. */
  public record GpuProcess(int gpu, long pid, String user, String command, long memoryMib) {
    public GpuProcess {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(command, "command");
    }

    /** Whether none of {@code active} (the reservations of this moment) holds its GPU. */
    public boolean isUnclaimed(List<Reservation> active) {
      return active.stream().noneMatch(r -> r.holdsGpu(gpu));
    }
  }

  /**
   * A process using {@code cpuPercent} of one core on average over its life (as {@code ps} shows).
   */
  public record BusyProcess(long pid, String user, String command, double cpuPercent) {
    public BusyProcess {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(command, "command");
    }
  }
}
