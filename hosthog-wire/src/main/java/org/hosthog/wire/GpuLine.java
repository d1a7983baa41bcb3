package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One GPU as {@code hosthog gpus} shows it: what gpustat shows, plus who claimed it.
 *
 * @param utilizationPercent how hard it worked at the last sample; empty when unknown
 * @param memoryUsedMib memory in use at the last sample (0 when unknown)
 * @param claims the reservations holding it now
 * @param idle set when it is claimed and sits idle ({@code [limits] idle_after})
 * @param unclaimed whether a process runs on it and nobody claimed it
 * @param sampledAt when the figures were sampled; empty before the first sample
 * @param problem what {@code nvidia-smi} said when the last sample failed; empty when well
 */
public record GpuLine(
    int index,
    String name,
    OptionalInt utilizationPercent,
    long memoryUsedMib,
    long memoryTotalMib,
    List<StatusReport.GpuProcess> processes,
    List<Claim> claims,
    Optional<Idle> idle,
    boolean unclaimed,
    Optional<OffsetDateTime> sampledAt,
    String problem) {
  public GpuLine {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(utilizationPercent, "utilizationPercent");
    processes = List.copyOf(processes);
    claims = List.copyOf(claims);
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(sampledAt, "sampledAt");
    Objects.requireNonNull(problem, "problem");
  }

  /** The resource name, {@code gpu:N}. */
  public String gpu() {
    return "gpu:" + index;
  }

  /** A reservation holding the GPU: its id, owner, mode ({@code exclusive}/{@code shared}), end. */
  public record Claim(long id, String owner, String mode, OffsetDateTime until) {}

  /**
   * Idle since {@code since}: no process on it, or (with {@code utilizationPercent}) processes that
   * keep it below {@code idle_below}.
   */
  public record Idle(OffsetDateTime since, OptionalInt utilizationPercent) {
    /** "no process", or "at 2 %". */
    public String why() {
      return utilizationPercent.isPresent()
          ? "at " + utilizationPercent.getAsInt() + " %"
          : "no process";
    }
  }
}
