package org.hosthog.wire;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Someone waiting for a claim ({@code hosthog run --wait}), first come first served.
 *
 * @param ticket their place: lower comes first
 * @param user who waits
 * @param what the claim, as they typed it (e.g. {@code --gpus 3}) and its message
 * @param since when they began to wait
 */
public record Waiter(long ticket, String user, String what, OffsetDateTime since) {
  public Waiter {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(since, "since");
  }
}
