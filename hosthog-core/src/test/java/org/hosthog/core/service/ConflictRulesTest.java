package org.hosthog.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The conflict table of DESIGN.md; "x" after a resource means exclusive, "s" shared. */
class ConflictRulesTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @ParameterizedTest(name = "{0} [{1}h+{2}h] vs {3} [{4}h+{5}h] same owner={6} -> {7}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          host x|0|2|gpu:0 x|1|2|false|true
          host x|0|2|host s|1|2|false|true
          host s|0|2|host x|0|2|false|true
          host s|0|2|host s|0|2|false|false
          host s|0|2|gpu:0 x|0|2|false|false
          host s|0|2|cpu x|0|2|false|false
          host x|0|2|fpga0 s|0|2|false|true
          host x|0|2|host x|0|2|true|false
          gpu:0 x|0|2|gpu:0 x|1|2|false|true
          gpu:0 x|0|2|gpu:0 x|2|2|false|false
          gpu:0 x|0|2|gpu:0 x|3|2|false|false
          gpu:0-3 x|0|2|gpu:2 x|0|2|false|true
          gpu:0,2 x|0|2|gpu:1,3 x|0|2|false|false
          gpu x|0|2|gpu:7 s|0|2|false|true
          gpu:0 s|0|2|gpu:0 s|0|2|false|false
          gpu:0 s|0|2|gpu:0 x|0|2|false|true
          gpu:0 x|0|2|gpu:0 s|0|2|false|true
          gpu:0 x|0|2|gpu:0 x|0|2|true|false
          gpu:0 x|0|2|cpu:0 x|0|2|false|false
          cpu:0-15 x|0|2|cpu:8-31 x|0|2|false|true
          cpu:0-7 x|0|2|cpu:8-15 x|0|2|false|false
          cpu x|0|2|cpu:3 s|0|2|false|true
          cpu s|0|2|cpu s|0|2|false|false
          fpga0 x|0|2|fpga0 s|0|2|false|true
          fpga0 x|0|2|scratch x|0|2|false|false
          fpga0 x|0|1|fpga0 x|1|1|false|false
          gpu:0 x;host s|0|2|gpu:1 x;host s|0|2|false|false
          gpu:0 x;gpu:5 s|0|2|gpu:1 x;gpu:5 x|0|2|false|true
          """)
  void conflictTable(
      String claimsA,
      long startA,
      long hoursA,
      String claimsB,
      long startB,
      long hoursB,
      boolean sameOwner,
      boolean expected) {
    Reservation a = reservation("alice", claimsA, startA, hoursA);
    Reservation b = reservation(sameOwner ? "alice" : "bob", claimsB, startB, hoursB);
    assertEquals(expected, ConflictRules.conflict(a, b));
    assertEquals(expected, ConflictRules.conflict(b, a), "symmetric");
  }

  @ParameterizedTest
  @CsvSource({"gpu:0 x", "host x"})
  void releasedReservationsNeverConflict(String claims) {
    Reservation a = reservation("alice", claims, 0, 2);
    Reservation b = reservation("bob", claims, 0, 2).releasedAt(T.minusSeconds(60), "bob");
    assertEquals(false, ConflictRules.conflict(a, b));
  }

  static Reservation reservation(String owner, String claims, long startHours, long hours) {
    List<Claim> list = new ArrayList<>();
    for (String c : claims.split(";")) {
      String[] parts = c.strip().split(" ");
      list.add(
          new Claim(Resource.parse(parts[0]), parts[1].equals("x") ? Mode.EXCLUSIVE : Mode.SHARED));
    }
    Instant start = T.plus(Duration.ofHours(startHours));
    return new Reservation(
        Reservation.UNASSIGNED,
        UUID.randomUUID(),
        "h",
        owner,
        list,
        start,
        start.plus(Duration.ofHours(hours)),
        "m",
        T,
        T,
        owner,
        Optional.empty());
  }
}
