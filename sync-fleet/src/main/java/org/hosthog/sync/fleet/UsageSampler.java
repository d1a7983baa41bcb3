package org.hosthog.sync.fleet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.State;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.support.AtomicFile;
import org.hosthog.api.support.DaemonThreads;

/**
 * Looks at what runs on the GPUs every {@code sample_every} ({@link UsageMeter}); finished buckets
 * and the open one wait in the {@link UsageBuffer} for the next push, and the open one is also kept
 * in a file so a restarted daemon resumes it.
 */
final class UsageSampler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UsageSampler.class.getName());

  private final PluginContext context;
  private final Reservations reservations;
  private final UsageMeter meter;
  private final UsageBuffer usage;
  private final Path openBucket;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-fleet-sample"));

  UsageSampler(FleetSettings settings, PluginContext context, UsageBuffer usage) {
    this.context = context;
    this.reservations = context.reservations();
    this.meter = new UsageMeter(settings.sampleEvery());
    this.usage = usage;
    this.openBucket = context.stateDir().resolve("usage-open.json");
  }

  /** Resumes the bucket a stopped daemon left open, then samples every {@code sample_every}. */
  void start(FleetSettings settings) {
    meter.resume(readQuietly(openBucket), context.clock().instant());
    long every = settings.sampleEvery().toMillis();
    sampler.scheduleAtFixedRate(this::sampleSafely, every, every, TimeUnit.MILLISECONDS);
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "sampling the GPUs' usage failed: " + e);
    }
  }

  /** Looks at the host once; the buckets go to the buffer, and the open one to its file. */
  void sample() {
    Instant now = context.clock().instant();
    List<Reservation> active =
        reservations.list(ReservationQuery.overlapping(now, now.plusMillis(1))).stream()
            .filter(r -> r.state(now) == State.ACTIVE)
            .toList();
    List<Integer> gpus =
        reservations.inventory().gpus().stream().map(org.hosthog.api.Gpu::index).toList();
    meter.sample(now, context.activity(), active, gpus, loadAverage()).ifPresent(usage::put);
    meter
        .open()
        .ifPresent(
            b -> {
              usage.put(b);
              try {
                AtomicFile.replace(openBucket, b, "rw-------", false);
              } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot write " + openBucket + ": " + e);
              }
            });
  }

  /** The one-minute load average; 0 where {@code /proc/loadavg} cannot be read. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(
          java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Optional<String> readQuietly(Path file) {
    try {
      return Optional.of(java.nio.file.Files.readString(file));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
