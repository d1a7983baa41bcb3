package org.hosthog.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this host has that can be claimed.
 *
 * @param cpus number of CPU cores (at least 1)
 * @param gpus the GPUs, by index 0..n-1
 * @param extra admin-named resources
 */
public record Inventory(int cpus, List<Gpu> gpus, List<String> extra) {
  /** Said when GPUs are asked for on a host that has none: how an admin declares them. */
  public static final String NO_GPUS_HINT =
      " (no GPUs were found: nvidia-smi is missing or failed; an admin declares them with"
          + " [resources] gpus = N, or sets [resources] nvidia_smi, in the daemon's config)";

  public Inventory {
    if (cpus < 1) {
      throw new IllegalArgumentException("a host has at least one CPU");
    }
    gpus = List.copyOf(gpus);
    extra = List.copyOf(extra);
    extra.forEach(Resource.Named::new); // validates each name
  }

  /** The claimable resources as users type them, e.g. {@code host, gpu:0-3, cpu:0-63, fpga0}. */
  /**
   * The units "free now" is told in: the whole host, each GPU, the CPUs as a whole, each named
   * resource.
   */
  public List<Resource> units() {
    List<Resource> units = new java.util.ArrayList<>();
    units.add(new Resource.Host());
    gpus.forEach(g -> units.add(new Resource.Gpus(IndexSet.of(g.index()))));
    units.add(new Resource.Cpus(IndexSet.all()));
    extra.forEach(n -> units.add(new Resource.Named(n)));
    return List.copyOf(units);
  }

  public List<String> claimable() {
    List<String> all = new ArrayList<>();
    all.add("host");
    if (!gpus.isEmpty()) {
      all.add(gpus.size() == 1 ? "gpu:0" : "gpu:0-" + (gpus.size() - 1));
    }
    all.add(cpus == 1 ? "cpu:0" : "cpu:0-" + (cpus - 1));
    all.addAll(extra);
    return all;
  }

  /** Empty if {@code resource} exists here, else a message saying why not and what exists. */
  public Optional<String> problemWith(Resource resource) {
    Objects.requireNonNull(resource, "resource");
    boolean exists;
    if (resource instanceof Resource.Gpus g) {
      exists = !gpus.isEmpty() && g.indices().max() < gpus.size();
    } else if (resource instanceof Resource.Cpus c) {
      exists = c.indices().max() < cpus;
    } else if (resource instanceof Resource.Named n) {
      exists = extra.contains(n.name());
    } else {
      exists = true; // the whole host always exists
    }
    return exists
        ? Optional.empty()
        : Optional.of(
            "this host has no '"
                + resource.text()
                + "'; claimable here: "
                + String.join(", ", claimable())
                + (resource instanceof Resource.Gpus && gpus.isEmpty() ? NO_GPUS_HINT : ""));
  }
}
