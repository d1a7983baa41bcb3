package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to claim resources for the caller.
 *
 * @param claims the resources and modes; at least one
 * @param start first instant
 * @param end first instant after; must be after {@code start} and in the future
 * @param message why; required, sanitised before it is stored
 * @param force record the claim even if it conflicts (the affected owners are told)
 */
public record ClaimRequest(
    List<Claim> claims, Instant start, Instant end, String message, boolean force) {
  public ClaimRequest {
    claims = List.copyOf(claims);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(message, "message");
  }
}
