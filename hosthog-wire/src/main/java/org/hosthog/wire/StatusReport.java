package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who uses the host now, what starts later today, what is free, and who is really on it.
 *
 * @param laterToday the first of the reservations that start later today, by start
 * @param laterMore how many more start later today ({@code hosthog list} shows them)
 * @param free each GPU, the CPUs as a whole and each named resource nobody holds now; {@code host}
 *     if nobody holds anything
 * @param gpuSample when the GPUs were last sampled, and what went wrong if it failed
 */
public record StatusReport(
    OffsetDateTime now,
    List<ReservationView> active,
    List<ReservationView> laterToday,
    int laterMore,
    List<String> free,
    List<Session> loggedIn,
    List<GpuProcess> gpuProcesses,
    List<BusyProcess> busyProcesses,
    List<IdleGpu> idle,
    List<GpuProcess> unclaimed,
    GpuSample gpuSample) {

  public StatusReport {
    Objects.requireNonNull(now, "now");
    active = List.copyOf(active);
    laterToday = List.copyOf(laterToday);
    if (laterMore < 0) {
      throw new IllegalArgumentException("laterMore < 0: " + laterMore);
    }
    free = List.copyOf(free);
    loggedIn = List.copyOf(loggedIn);
    gpuProcesses = List.copyOf(gpuProcesses);
    busyProcesses = List.copyOf(busyProcesses);
    idle = List.copyOf(idle);
    unclaimed = List.copyOf(unclaimed);
    Objects.requireNonNull(gpuSample, "gpuSample");
  }

  /**
   * When the GPU figures were sampled (empty: not yet, or no GPUs to ask) and, if {@code
   * nvidia-smi} failed, its own words.
   */
  public record GpuSample(Optional<OffsetDateTime> at, String problem) {
    public static final GpuSample NONE = new GpuSample(Optional.empty(), "");

    public GpuSample {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** A login on a terminal ({@code tty} below {@code /dev}; {@code from} empty when local). */
  public record Session(String user, String tty, String from, OffsetDateTime since) {}

  /** A process on GPU {@code gpu}. */
  public record GpuProcess(int gpu, long pid, String user, String command, long memoryMib) {}

  /**
   * A claimed GPU sitting idle since {@code since} ({@code [limits] idle_after} or longer): no
   * process on it, or, when {@code utilizationPercent} is present, processes keeping it below
   * {@code idle_below}, now at that.
   */
  public record IdleGpu(
      int gpu,
      long reservation,
      String owner,
      OffsetDateTime since,
      OptionalInt utilizationPercent) {
    public IdleGpu {
      Objects.requireNonNull(utilizationPercent, "utilizationPercent");
    }

    /** Why it counts as idle, in a few words: "no process", or "at 2 %". */
    public String why() {
      return utilizationPercent.isPresent()
          ? "at " + utilizationPercent.getAsInt() + " %"
          : "no process";
    }
  }

  /** A busy process and its share of one core, in percent. */
  public record BusyProcess(long pid, String user, String command, long cpuPercent) {}
}
