package org.hosthog.notify.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.junit.jupiter.api.Test;

/** The owner's one-time nudge about an idle GPU says why it counts as idle. */
class GpuIdleMessageTest {
  static final Instant NOW = Instant.parse("2026-12-04T11:30:00Z");
  static final Instant SINCE = Instant.parse("2026-12-04T09:12:00Z");

  static final Reservation BOBS =
      new Reservation(
          5,
          UUID.randomUUID(),
          "gpu-box",
          "bob",
          List.of(Claim.of(Resource.parse("gpu:1"))),
          SINCE.minusSeconds(3600),
          NOW.plusSeconds(36_000),
          "notebook",
          SINCE,
          SINCE,
          "bob",
          Optional.empty());

  String text(OptionalInt percent) {
    return new WallMessages(ZoneId.of("UTC"))
        .of(new HostEvent.GpuIdle(BOBS, 1, SINCE, percent, NOW), NOW)
        .orElseThrow()
        .text();
  }

  @Test
  void noProcessSaysSo() {
    assertEquals(
        "hosthog: gpu:1 of your reservation 5 has had no process since 09:12. If you are done"
            + " with it: hosthog release 5",
        text(OptionalInt.empty()));
  }

  @Test
  void aProcessKeepingItNearlyIdleSaysItsUtilisation() {
    assertEquals(
        "hosthog: gpu:1 of your reservation 5 has been nearly idle (at 0 %) since 09:12. If you"
            + " are done with it: hosthog release 5",
        text(OptionalInt.of(0)));
  }
}
