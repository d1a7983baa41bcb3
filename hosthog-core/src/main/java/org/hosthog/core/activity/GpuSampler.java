package org.hosthog.core.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Inventory;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.core.inventory.NvidiaSmi;

/**
 * Samples every GPU's load and processes through {@code nvidia-smi} every {@code [resources]
 * sample_every}, on its own thread. Requests never wait for the tool (it can take 15 s a call on a
 * big box): they read {@link #last()}. Thread-safe.
 */
public final class GpuSampler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GpuSampler.class.getName());

  /** Longest one call may take before it is killed and the sample reported as failed. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * One sample.
   *
   * @param problem what {@code nvidia-smi} said when it failed; empty when well
   */
  public record Sample(
      Instant at,
      List<HostActivity.GpuLoad> loads,
      List<HostActivity.GpuProcess> processes,
      String problem) {
    public Sample {
      Objects.requireNonNull(at, "at");
      loads = List.copyOf(loads);
      processes = List.copyOf(processes);
      Objects.requireNonNull(problem, "problem");
    }
  }

  private final NvidiaSmi nvidiaSmi;
  private final Inventory inventory;
  private final Duration every;
  private final Clock clock;
  private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
  private volatile Optional<Sample> last = Optional.empty();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-gpu-sampler"));

  public GpuSampler(NvidiaSmi nvidiaSmi, Inventory inventory, Duration every, Clock clock) {
    this.nvidiaSmi = Objects.requireNonNull(nvidiaSmi, "nvidiaSmi");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.every = Objects.requireNonNull(every, "every");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code listener} gets every sample, on the sampler's thread, after {@link #last()} has it. */
  public GpuSampler onSample(Consumer<Sample> listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Samples now and then every {@code every}. A host whose GPUs are set by count in the config has
   * no {@code nvidia-smi} to ask, and is not sampled.
   */
  public GpuSampler start() {
    if (inventory.gpus().stream().anyMatch(g -> !g.uuid().isEmpty())) {
      thread.scheduleWithFixedDelay(this::sampleSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** The last sample; empty before the first one ends. */
  public Optional<Sample> last() {
    return last;
  }

  /** Takes one sample and tells the listeners (the thread's job; tests call it directly). */
  Sample sample() {
    NvidiaSmi.Sample s = nvidiaSmi.sample();
    Sample sample = new Sample(clock.instant(), s.loads(), processes(s.apps()), s.problem());
    last = Optional.of(sample);
    if (!sample.problem().isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "sampling the GPUs: " + sample.problem());
    }
    listeners.forEach(l -> l.accept(sample));
    return sample;
  }

  private List<HostActivity.GpuProcess> processes(List<NvidiaSmi.ComputeApp> apps) {
    List<HostActivity.GpuProcess> out = new ArrayList<>();
    for (NvidiaSmi.ComputeApp app : apps) {
      for (Gpu g : inventory.gpus()) {
        if (g.uuid().equals(app.gpuUuid())) {
          String user = ProcessTable.owner(app.pid()).orElse("?");
          out.add(
              new HostActivity.GpuProcess(
                  g.index(), app.pid(), user, ProcessTable.command(app.pid()), app.memoryMib()));
        }
      }
    }
    return out;
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "sampling the GPUs failed: " + e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
