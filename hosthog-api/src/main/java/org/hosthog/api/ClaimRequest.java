package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to claim resources for the caller.
 *
 * @param claims the resources and modes; at least one unless {@code anyGpus} asks for some
 * @param start first instant
 * @param end first instant after; must be after {@code start} and in the future
 * @param message why; required, sanitised before it is stored
 * @param force record the claim even if it conflicts (the affected owners are told)
 * @param anyGpus GPUs the service picks, added to {@code claims}; not with {@code force}
 */
public record ClaimRequest(
    List<Claim> claims,
    Instant start,
    Instant end,
    String message,
    boolean force,
    Optional<AnyGpus> anyGpus) {
  public ClaimRequest {
    claims = List.copyOf(claims);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(anyGpus, "anyGpus");
  }

  /** A claim of the named resources. */
  public ClaimRequest(
      List<Claim> claims, Instant start, Instant end, String message, boolean force) {
    this(claims, start, end, message, force, Optional.empty());
  }
}
