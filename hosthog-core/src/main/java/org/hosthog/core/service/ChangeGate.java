package org.hosthog.core.service;

import java.time.Instant;
import java.util.Optional;
import org.hosthog.api.Actor;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Reason;
import org.hosthog.api.Reservation;
import org.hosthog.api.State;

/**
 * Whether a reservation may be changed or released by someone now: it exists, it is theirs (or they
 * are root or an admin), and it has not ended or been released.
 */
final class ChangeGate {
  private final String host;
  private final Authorizer authorizer;

  ChangeGate(String host, Authorizer authorizer) {
    this.host = host;
    this.authorizer = authorizer;
  }

  /** The host's name. */
  String host() {
    return host;
  }

  /** Why {@code actor} may not change reservation {@code id}, {@code found} in the store. */
  Optional<Denied> refusal(Actor actor, long id, Optional<Reservation> found, Instant now) {
    if (found.isEmpty()) {
      return Optional.of(
          new Denied(
              Reason.NOT_FOUND,
              "there is no reservation " + id + " on " + host + "; see 'hosthog list'"));
    }
    Reservation current = found.get();
    if (!authorizer.mayChange(actor, current)) {
      return Optional.of(
          new Denied(
              Reason.NOT_PERMITTED,
              "reservation "
                  + id
                  + " belongs to "
                  + current.owner()
                  + "; only they, root and members of "
                  + String.join(", ", authorizer.adminGroups())
                  + " may change it"));
    }
    State state = current.state(now);
    if (state == State.RELEASED || state == State.ENDED) {
      return Optional.of(
          new Denied(
              Reason.INVALID,
              "reservation "
                  + id
                  + " has "
                  + (state == State.ENDED ? "ended" : "been released")
                  + "; make a new claim instead"));
    }
    return Optional.empty();
  }
}
