package org.hosthog.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
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
}
