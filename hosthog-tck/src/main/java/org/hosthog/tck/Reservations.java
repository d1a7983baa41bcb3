package org.hosthog.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;

/** Reservations for contract tests. */
public final class Reservations {
  /** A fixed point in time the suites count from. */
  public static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private Reservations() {}

  /** An unstored reservation of {@code owner} on {@code resource} from T0+startHours for hours. */
  public static Reservation of(String owner, String resource, long startHours, long hours) {
    Instant start = T0.plus(Duration.ofHours(startHours));
    return new Reservation(
        Reservation.UNASSIGNED,
        UUID.randomUUID(),
        "testhost",
        owner,
        List.of(Claim.of(Resource.parse(resource))),
        start,
        start.plus(Duration.ofHours(hours)),
        "work of " + owner,
        T0,
        T0,
        owner,
        Optional.empty());
  }

  /**
   * {@code claim} made by {@code owner} in {@code reservations} (a real service) from now for two
   * hours, as stored: what a plugin's contract test claims before it publishes the event.
   *
   * @throws AssertionError if it was not granted
   */
  public static Reservation claimNow(
      org.hosthog.api.Reservations reservations,
      String owner,
      Claim claim,
      String message,
      boolean force) {
    Instant now = Instant.now();
    Outcome o =
        reservations.claim(
            Actor.of(owner),
            new ClaimRequest(List.of(claim), now, now.plus(Duration.ofHours(2)), message, force));
    if (o instanceof Outcome.Granted g) {
      return g.reservation();
    }
    throw new AssertionError("not granted: " + o);
  }
}
