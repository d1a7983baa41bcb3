package org.hosthog.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks for a change: a Unix user and the groups the system says they belong to.
 *
 * <p>The daemon builds actors from kernel-verified credentials, never from what a client claims.
 *
 * @param via what made the change on the user's behalf when it was not the user just now, e.g.
 *     {@code calendar} (an event in the team calendar); shown in the history and announced as a
 *     bulk change
 */
public record Actor(String user, Set<String> groups, Optional<String> via) {
  /**
   * The groups whose members may change anyone's reservations unless an admin configures others.
   */
  public static final List<String> DEFAULT_ADMIN_GROUPS = List.of("sudo", "hosthog-admin");

  public Actor {
    Objects.requireNonNull(user, "user");
    groups = Set.copyOf(groups);
    Objects.requireNonNull(via, "via");
    if (user.isBlank()) {
      throw new IllegalArgumentException("an actor needs a user name");
    }
  }

  /** {@code user} in {@code groups}, acting directly. */
  public Actor(String user, Set<String> groups) {
    this(user, groups, Optional.empty());
  }

  /** This actor, acting through {@code source} (e.g. {@code calendar}). */
  public Actor via(String source) {
    return new Actor(user, groups, Optional.of(source));
  }

  /** An actor of {@code user} in {@code groups}. */
  public static Actor of(String user, String... groups) {
    return new Actor(user, Set.of(groups));
  }

  /** Whether this is root, who may change anything. */
  public boolean isRoot() {
    return user.equals("root");
  }
}
