package org.hosthog.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ReservationView;

/** Reservations of the replica as a host pushes them: the JSON and the columns agree. */
public final class ReplicaFixtures {
  private ReplicaFixtures() {}

  /** alice's reservation 1 on alpha, "work", holding {@code claims} from {@code start}. */
  public static ReplicaRows.Stored alices(
      UUID uuid, List<Claim> claims, Instant start, Instant end) {
    String body =
        new Codec()
            .compact(
                new ReservationView(
                    1,
                    uuid,
                    "alpha",
                    "alice",
                    claims,
                    start.atOffset(ZoneOffset.UTC),
                    end.atOffset(ZoneOffset.UTC),
                    "work",
                    "planned",
                    start.atOffset(ZoneOffset.UTC),
                    start.atOffset(ZoneOffset.UTC),
                    "alice",
                    Optional.empty(),
                    Optional.empty()));
    return new ReplicaRows.Stored(
        uuid, "alpha", 1, 1, "alice", start, end, Optional.empty(), claims, body);
  }
}
