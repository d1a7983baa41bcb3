package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Who uses the host now, what starts later today, what is free, and who is really on it.
 *
 * @param laterToday the first of the reservations that start later today, by start
 * @param laterMore how many more start later today ({@code hosthog list} shows them)
 * @param free each GPU, the CPUs as a whole and each named resource nobody holds now; {@code host}
 *     if nobody holds anything
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
    List<GpuProcess> unclaimed) {

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
  }

  /** A login on a terminal ({@code tty} below {@code /dev}; {@code from} empty when local). */
  public record Session(String user, String tty, String from, OffsetDateTime since) {}

  /** A process on GPU {@code gpu}. */
  public record GpuProcess(int gpu, long pid, String user, String command, long memoryMib) {}

  /**
   * A claimed GPU without a process since {@code since} ({@code [limits] idle_after} or longer).
   */
  public record IdleGpu(int gpu, long reservation, String owner, OffsetDateTime since) {}

  /** A busy process and its share of one core, in percent. */
  public record BusyProcess(long pid, String user, String command, long cpuPercent) {}
}
