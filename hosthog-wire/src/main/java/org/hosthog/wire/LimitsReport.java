package org.hosthog.wire;

import java.util.Objects;
import org.hosthog.api.Limits;

/**
 * The answer to {@code limits}: the host's limits and whether the caller is held to them.
 *
 * @param limits the host's {@code [limits]}
 * @param heldToThem false for the host's admins and members of the exempt groups
 */
public record LimitsReport(Limits limits, boolean heldToThem) {
  public LimitsReport {
    Objects.requireNonNull(limits, "limits");
  }
}
