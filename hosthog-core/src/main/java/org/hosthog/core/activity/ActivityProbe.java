package org.hosthog.core.activity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hosthog.api.HostActivity;

/**
 * Looks at who is really on the host: utmp sessions, the GPUs' last sample (load and processes,
 * from the {@link GpuSampler}; never a call to {@code nvidia-smi} here), the idle claims the {@link
 * GpuWatch} found, and the busiest processes from {@code /proc}. Each part that fails is left out,
 * never fatal.
 *
 * <p>Sessions are read fresh each time (utmp is small, and wall must reach a login of a second
 * ago). The busiest processes cost a walk of {@code /proc}, so they are reused for {@link #FRESH}:
 * {@code status} under load and motd refreshes share them. Thread-safe.
 */
public final class ActivityProbe {
  private static final System.Logger LOG = System.getLogger(ActivityProbe.class.getName());

  private final Path utmp;
  private final Supplier<Optional<GpuSampler.Sample>> gpus;
  private final Supplier<List<HostActivity.IdleGpu>> idle;
  static final Duration FRESH = Duration.ofSeconds(5);
  private List<HostActivity.BusyProcess> busy;
  private long busyAt;

  /**
   * @param gpus the GPUs' last sample
   * @param idle the claimed GPUs sitting idle
   */
  public ActivityProbe(
      Path utmp,
      Supplier<Optional<GpuSampler.Sample>> gpus,
      Supplier<List<HostActivity.IdleGpu>> idle) {
    this.utmp = Objects.requireNonNull(utmp, "utmp");
    this.gpus = Objects.requireNonNull(gpus, "gpus");
    this.idle = Objects.requireNonNull(idle, "idle");
  }

  public HostActivity now() {
    Optional<GpuSampler.Sample> sample = gpus.get();
    return new HostActivity(
        sessions(),
        sample.map(GpuSampler.Sample::processes).orElse(List.of()),
        busiest(),
        new HostActivity.GpuTelemetry(
            sample.map(GpuSampler.Sample::at),
            sample.map(GpuSampler.Sample::loads).orElse(List.of()),
            idle.get(),
            sample.map(GpuSampler.Sample::problem).orElse("")));
  }

  private synchronized List<HostActivity.BusyProcess> busiest() {
    if (busy == null || System.nanoTime() - busyAt > FRESH.toNanos()) {
      busy = ProcessTable.busiest(5, 25.0);
      busyAt = System.nanoTime();
    }
    return busy;
  }

  private List<HostActivity.Session> sessions() {
    try {
      return Utmp.liveSessions(utmp);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read " + utmp + ": " + e);
      return List.of();
    }
  }
}
