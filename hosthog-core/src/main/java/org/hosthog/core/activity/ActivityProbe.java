package org.hosthog.core.activity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Inventory;
import org.hosthog.core.inventory.NvidiaSmi;

/**
 * Looks at who is really on the host: utmp sessions, GPU processes from {@code nvidia-smi}, and the
 * busiest processes from {@code /proc}. Each part that fails is left out, never fatal.
 *
 * <p>Sessions are read fresh each time (utmp is small, and wall must reach a login of a second
 * ago). Processes cost a walk of {@code /proc} and maybe an {@code nvidia-smi} run, so they are
 * reused for {@link #FRESH}: {@code status} under load and motd refreshes share them. Thread-safe.
 */
public final class ActivityProbe {
  private static final System.Logger LOG = System.getLogger(ActivityProbe.class.getName());

  private final Path utmp;
  private final Inventory inventory;
  private final NvidiaSmi nvidiaSmi;
  static final Duration FRESH = Duration.ofSeconds(5);
  private HostActivity processes;
  private long processesAt;

  public ActivityProbe(Path utmp, Inventory inventory, String nvidiaSmiCommand) {
    this.utmp = Objects.requireNonNull(utmp, "utmp");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.nvidiaSmi = new NvidiaSmi(nvidiaSmiCommand, Duration.ofSeconds(5));
  }

  public HostActivity now() {
    HostActivity p = processes();
    return new HostActivity(sessions(), p.gpuProcesses(), p.busyProcesses());
  }

  private synchronized HostActivity processes() {
    if (processes == null || System.nanoTime() - processesAt > FRESH.toNanos()) {
      processes = new HostActivity(List.of(), gpuProcesses(), ProcessTable.busiest(5, 25.0));
      processesAt = System.nanoTime();
    }
    return processes;
  }

  private List<HostActivity.Session> sessions() {
    try {
      return Utmp.liveSessions(utmp);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read " + utmp + ": " + e);
      return List.of();
    }
  }

  private List<HostActivity.GpuProcess> gpuProcesses() {
    if (inventory.gpus().stream().allMatch(g -> g.uuid().isEmpty())) {
      return List.of(); // GPUs set by count in the config: nvidia-smi is not there to ask
    }
    List<HostActivity.GpuProcess> out = new ArrayList<>();
    for (NvidiaSmi.ComputeApp app : nvidiaSmi.computeApps()) {
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
}
