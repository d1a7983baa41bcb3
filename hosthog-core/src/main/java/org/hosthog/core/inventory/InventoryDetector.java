package org.hosthog.core.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.hosthog.api.Gpu;
import org.hosthog.api.IndexSet;
import org.hosthog.api.Inventory;
import org.hosthog.core.config.HosthogConfig;

/**
 * Works out what a host has: CPUs from the OS, GPUs from config or {@code nvidia-smi}, named
 * extras.
 */
public final class InventoryDetector {
  private static final Path CPUS_PRESENT = Path.of("/sys/devices/system/cpu/present");

  private InventoryDetector() {}

  public static Inventory detect(HosthogConfig config) {
    return new Inventory(
        cpuCount(), gpus(config.gpus(), config.nvidiaSmi()), config.extraResources());
  }

  /** This host's CPUs with {@code n} configured GPUs and no named resources. */
  public static Inventory withGpus(int n) {
    return new Inventory(cpuCount(), gpus(OptionalInt.of(n), ""), List.of());
  }

  /** GPUs as configured ({@code gpus = N}) or as {@code nvidia-smi} reports. */
  static List<Gpu> gpus(OptionalInt configured, String nvidiaSmi) {
    if (configured.isPresent()) {
      List<Gpu> gpus = new ArrayList<>();
      for (int i = 0; i < configured.getAsInt(); i++) {
        gpus.add(new Gpu(i, "", "", 0));
      }
      return gpus;
    }
    return new NvidiaSmi(nvidiaSmi, Duration.ofSeconds(10)).detect().gpus();
  }

  /** All CPU cores the kernel knows (not just those this process may use). */
  public static int cpuCount() {
    try {
      IndexSet present = IndexSet.parse(Files.readString(CPUS_PRESENT).strip());
      return present.max() + 1;
    } catch (IOException | RuntimeException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}
