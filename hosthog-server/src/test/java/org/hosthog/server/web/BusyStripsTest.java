package org.hosthog.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Mode;
import org.hosthog.api.Resource;
import org.hosthog.server.ReplicaFixtures;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.web.BusyStrips.Span;
import org.junit.jupiter.api.Test;

/** A collapsed host's strip, worked out by hand on a host with two GPUs. */
class BusyStripsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
  private static final List<Resource> TWO_GPUS =
      List.of(Resource.parse("gpu:0"), Resource.parse("gpu:1"));

  @Test
  void overlappingClaimsRaiseTheLevelAndTouchingSpansOfOneLevelMerge() {
    List<Span> spans =
        BusyStrips.spans(
            TWO_GPUS,
            List.of(
                held("gpu:0", Mode.EXCLUSIVE, 0, 10),
                held("gpu:1", Mode.EXCLUSIVE, 5, 15),
                held("gpu:1", Mode.EXCLUSIVE, 15, 20), // touches: still half the GPUs
                held("gpu:0", Mode.SHARED, 30, 40)),
            0);
    assertEquals(
        List.of(span(0, 5, 2, 1), span(5, 10, 3, 2), span(10, 20, 2, 1), span(30, 40, 2, 1)),
        spans);
  }

  @Test
  void anExclusiveWholeHostClaimFillsTheStripAndASharedOneHoldsNoGpu() {
    assertEquals(
        List.of(span(0, 60, 3, 2)),
        BusyStrips.spans(TWO_GPUS, List.of(held("host", Mode.EXCLUSIVE, 0, 60)), 0));
    assertEquals(
        List.of(), BusyStrips.spans(TWO_GPUS, List.of(held("host", Mode.SHARED, 0, 60)), 0));
  }

  @Test
  void twoUsersSharingOneGpuCountItOnce() {
    assertEquals(
        List.of(span(0, 30, 2, 1)),
        BusyStrips.spans(
            TWO_GPUS,
            List.of(held("gpu:0", Mode.SHARED, 0, 30), held("gpu:0", Mode.SHARED, 0, 30)),
            0));
  }

  @Test
  void gapsShorterThanTheStepCloseAndTheJoinedSpanTakesTheHigherLevel() {
    List<ReplicaRows.Stored> day =
        List.of(
            held("gpu:0", Mode.EXCLUSIVE, 0, 10),
            held("host", Mode.EXCLUSIVE, 12, 20),
            held("gpu:1", Mode.EXCLUSIVE, 40, 50));
    assertEquals(
        List.of(span(0, 20, 3, 2), span(40, 50, 2, 1)),
        BusyStrips.spans(TWO_GPUS, day, Duration.ofMinutes(5).toMillis()));
    assertEquals(3, BusyStrips.spans(TWO_GPUS, day, 0).size(), "without a step, every gap shows");
  }

  private static Span span(int fromMinute, int toMinute, int level, int most) {
    return new Span(
        T0.plus(Duration.ofMinutes(fromMinute)).toEpochMilli(),
        T0.plus(Duration.ofMinutes(toMinute)).toEpochMilli(),
        level,
        most);
  }

  private static ReplicaRows.Stored held(String resource, Mode mode, int fromMinute, int toMinute) {
    Instant start = T0.plus(Duration.ofMinutes(fromMinute));
    Instant end = T0.plus(Duration.ofMinutes(toMinute));
    return ReplicaFixtures.alices(
        UUID.randomUUID(), List.of(new Claim(Resource.parse(resource), mode)), start, end);
  }
}
