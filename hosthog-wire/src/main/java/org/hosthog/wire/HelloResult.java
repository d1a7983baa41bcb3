package org.hosthog.wire;

import java.util.List;
import java.util.Objects;

/**
 * Who the daemon takes the caller for, and what it serves.
 *
 * @param version the daemon's protocol version
 * @param host the host's name
 * @param zone the host's time zone id, e.g. {@code Europe/Berlin}
 * @param user the caller, from the kernel
 * @param groups the caller's groups, from the system
 * @param admin whether the caller may change anyone's reservations
 */
public record HelloResult(
    int version, String host, String zone, String user, List<String> groups, boolean admin) {
  public HelloResult {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(user, "user");
    groups = List.copyOf(groups);
  }
}
