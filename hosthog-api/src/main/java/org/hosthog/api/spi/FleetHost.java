package org.hosthog.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One host of the fleet as the state server knows it.
 *
 * @param host the host's name
 * @param online whether it was in contact within the last two minutes
 * @param lastSeen when it was last in contact; empty if it never was
 * @param resources what can be claimed there ({@code host}, {@code gpu:0}, ..., as users type them)
 * @param freeNow each resource nobody holds now, and until when it stays free
 */
public record FleetHost(
    String host,
    boolean online,
    Optional<Instant> lastSeen,
    List<String> resources,
    List<Free> freeNow) {
  public FleetHost {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(lastSeen, "lastSeen");
    resources = List.copyOf(resources);
    freeNow = List.copyOf(freeNow);
  }

  /**
   * A resource free now.
   *
   * @param until when the next reservation of it starts; empty if none is planned
   */
  public record Free(String resource, Optional<Instant> until) {
    public Free {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(until, "until");
    }
  }
}
