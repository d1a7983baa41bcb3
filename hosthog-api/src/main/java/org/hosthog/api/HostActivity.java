package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who is really on the host now, whatever they claimed: logged-in sessions, processes on GPUs, how
 * hard each GPU works, and the busiest processes.
 *
 * @param sessions login sessions (from utmp), one per terminal
 * @param gpuProcesses processes using a GPU (from {@code nvidia-smi}'s last sample); empty without
 *     GPUs
 * @param busyProcesses the processes using the most CPU, busiest first
 * @param gpus the GPUs' last sample: their load, the claimed ones sitting idle, what went wrong
 */
public record HostActivity(
    List<Session> sessions,
    List<GpuProcess> gpuProcesses,
    List<BusyProcess> busyProcesses,
    GpuTelemetry gpus) {
  public HostActivity {
    sessions = List.copyOf(sessions);
    gpuProcesses = List.copyOf(gpuProcesses);
    busyProcesses = List.copyOf(busyProcesses);
    Objects.requireNonNull(gpus, "gpus");
  }

  /** Activity without GPU telemetry (a host without {@code nvidia-smi}, or a test). */
  public HostActivity(
      List<Session> sessions, List<GpuProcess> gpuProcesses, List<BusyProcess> busyProcesses) {
    this(sessions, gpuProcesses, busyProcesses, GpuTelemetry.NONE);
  }

  public static HostActivity none() {
    return new HostActivity(List.of(), List.of(), List.of());
  }

  /**
   * The GPUs as last sampled. Requests never wait for {@code nvidia-smi}: they read this, and say
   * its age.
   *
   * @param sampledAt when the sample was taken; empty before the first (or without GPUs to ask)
   * @param loads each GPU's utilisation and memory, by index; empty when sampling failed
   * @param idle the claimed GPUs that sit idle ({@code [limits] idle_after}, {@code idle_below})
   * @param problem what {@code nvidia-smi} said when it failed, in its own words; empty when well
   */
  public record GpuTelemetry(
      Optional<Instant> sampledAt, List<GpuLoad> loads, List<IdleGpu> idle, String problem) {
    public static final GpuTelemetry NONE =
        new GpuTelemetry(Optional.empty(), List.of(), List.of(), "");

    public GpuTelemetry {
      Objects.requireNonNull(sampledAt, "sampledAt");
      loads = List.copyOf(loads);
      idle = List.copyOf(idle);
      Objects.requireNonNull(problem, "problem");
    }

    /** The load of GPU {@code gpu}, if the last sample had it. */
    public Optional<GpuLoad> load(int gpu) {
      return loads.stream().filter(l -> l.gpu() == gpu).findFirst();
    }
  }

  /** How hard GPU {@code gpu} works: utilisation in percent, memory used and total in MiB. */
  public record GpuLoad(int gpu, int utilizationPercent, long memoryUsedMib, long memoryTotalMib) {}

  /**
   * A claimed GPU sitting idle since {@code since}: no process on it, or (when {@code
   * utilizationPercent} is present) its processes keep it below {@code idle_below}, now at that.
   */
  public record IdleGpu(
      int gpu, Reservation reservation, Instant since, OptionalInt utilizationPercent) {
    public IdleGpu {
      Objects.requireNonNull(reservation, "reservation");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(utilizationPercent, "utilizationPercent");
    }
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
