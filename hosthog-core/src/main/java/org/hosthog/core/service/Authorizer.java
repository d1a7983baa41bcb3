package org.hosthog.core.service;

import java.util.Objects;
import java.util.Set;
import org.hosthog.api.Actor;
import org.hosthog.api.Reservation;

/** Who may change a reservation: its owner, members of the admin groups, and root. */
public final class Authorizer {
  private final Set<String> adminGroups;

  public Authorizer(Set<String> adminGroups) {
    this.adminGroups = Set.copyOf(Objects.requireNonNull(adminGroups, "adminGroups"));
  }

  public boolean isAdmin(Actor actor) {
    return actor.isRoot() || actor.groups().stream().anyMatch(adminGroups::contains);
  }

  public boolean mayChange(Actor actor, Reservation reservation) {
    return actor.user().equals(reservation.owner()) || isAdmin(actor);
  }

  public Set<String> adminGroups() {
    return adminGroups;
  }
}
