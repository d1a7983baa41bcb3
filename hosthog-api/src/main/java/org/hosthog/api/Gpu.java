package org.hosthog.api;

import java.util.Objects;

/**
 * A GPU of the host, as {@code nvidia-smi} reports it (or as configured).
 *
 * @param index the index users claim ({@code gpu:N})
 * @param name the model, e.g. {@code NVIDIA A100-SXM4-40GB}; empty when configured by count
 * @param uuid the driver's UUID; empty when configured by count
 * @param memoryMib total memory in MiB; 0 when unknown
 */
public record Gpu(int index, String name, String uuid, long memoryMib) {
  public Gpu {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uuid, "uuid");
  }
}
