package org.hosthog.api;

import java.util.Objects;
import java.util.Set;

/**
 * Who asks for a change: a Unix user and the groups the system says they belong to.
 *
 * <p>The daemon builds actors from kernel-verified credentials, never from what a client claims.
 */
public record Actor(String user, Set<String> groups) {
  public Actor {
    Objects.requireNonNull(user, "user");
    groups = Set.copyOf(groups);
    if (user.isBlank()) {
      throw new IllegalArgumentException("an actor needs a user name");
    }
  }

  public static Actor of(String user, String... groups) {
    return new Actor(user, Set.of(groups));
  }

  public boolean isRoot() {
    return user.equals("root");
  }
}
