package org.hosthog.core.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Reason;
import org.hosthog.api.Reservation;
import org.hosthog.api.State;

/**
 * An edit of one reservation worked out before the store is asked: the reservation after it, or why
 * it may not be made. Limits and conflicts are checked later, in the store's transaction.
 *
 * @param current the reservation as it is
 * @param after as it would be
 * @param refusal why not, if it may not be made
 */
record EditPlan(Reservation current, Reservation after, Optional<Denied> refusal) {

  static EditPlan of(
      Actor actor,
      Reservation current,
      EditRequest request,
      Instant now,
      ZoneId zone,
      ClaimChecks checks) {
    List<Claim> claims =
        request
            .claims()
            .orElseGet(
                () ->
                    request
                        .mode()
                        .map(
                            mode ->
                                current.claims().stream()
                                    .map(c -> new Claim(c.resource(), mode))
                                    .toList())
                        .orElse(current.claims()));
    Instant start = request.start().orElse(current.start());
    Instant end =
        request
            .extendBy()
            .map(span -> span.addTo(current.end(), zone))
            .orElse(request.end().orElse(current.end()));
    if (request.start().isPresent() && start.isBefore(now)) {
      start = now;
    }
    String message = request.message().map(ClaimChecks::clean).orElse(current.message());
    Optional<Denied> refusal =
        current.state(now) == State.ACTIVE
                && request.start().isPresent()
                && request.start().get().isBefore(current.start())
            ? Optional.of(
                new Denied(
                    Reason.INVALID,
                    "reservation "
                        + current.id()
                        + " has already started; its start can only move later"))
            : checks.validate(claims, false, start, end, message, now);
    Reservation after =
        refusal.isPresent()
            ? current
            : current.changed(claims, start, end, message, actor.user(), now);
    return new EditPlan(current, after, refusal);
  }
}
