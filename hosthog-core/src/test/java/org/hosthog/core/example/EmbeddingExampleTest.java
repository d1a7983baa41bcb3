package org.hosthog.core.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.core.Hosthog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example of docs/plugins.md, verbatim: a job launcher claims a GPU before it starts.
 */
class EmbeddingExampleTest {
  @TempDir Path stateDir;

  @Test
  void aJobLauncherClaimsAGpuBeforeItStarts() {
    // --- docs/plugins.md: embedding ---
    try (Hosthog hosthog = Hosthog.builder().stateDir(stateDir).gpus(4).build()) {
      Instant now = Instant.now();
      ClaimRequest request =
          new ClaimRequest(
              List.of(Claim.of(Resource.parse("gpu:0"))),
              now,
              now.plus(Duration.ofHours(2)),
              "nightly training job",
              false);
      Outcome outcome = hosthog.reservations().claim(Actor.of("alice"), request);
      if (outcome instanceof Outcome.Granted granted) {
        System.out.println("running as reservation " + granted.reservation().id());
      } else if (outcome instanceof Outcome.Conflict conflict) {
        System.out.println("gpu:0 is taken: " + conflict.conflicts());
      }
      // --- end ---
      assertInstanceOf(Outcome.Granted.class, outcome);
      assertEquals(1, hosthog.reservations().list(ReservationQuery.current(Instant.now())).size());
      Outcome second = hosthog.reservations().claim(Actor.of("bob"), request);
      assertInstanceOf(Outcome.Conflict.class, second);
    }
  }
}
