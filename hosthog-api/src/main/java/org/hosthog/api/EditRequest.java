package org.hosthog.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Changes to an existing reservation; an empty field keeps the current value. */
public record EditRequest(
    Optional<List<Claim>> claims,
    Optional<Instant> start,
    Optional<Instant> end,
    Optional<String> message,
    boolean force) {

  public EditRequest {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(message, "message");
    claims = claims.map(List::copyOf);
  }

  /** Only a new end. */
  public static EditRequest endAt(Instant end) {
    return new EditRequest(Optional.empty(), Optional.empty(), Optional.of(end), Optional.empty(), false);
  }

  public boolean isEmpty() {
    return claims.isEmpty() && start.isEmpty() && end.isEmpty() && message.isEmpty();
  }
}
