package org.hosthog.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timeline on fixed data: Fri 27 Nov 2026 20:30 in Berlin, 2 GPUs and an FPGA, 3 days. */
class TimelineTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-11-27T19:30:00Z");
  private static final Inventory INV =
      new Inventory(16, List.of(new Gpu(0, "", "", 0), new Gpu(1, "", "", 0)), List.of("fpga0"));

  private static Reservation r(
      long id, String owner, String resource, Mode mode, long startHours, long hours) {
    Instant start = NOW.plus(Duration.ofHours(startHours));
    return new Reservation(
        id,
        UUID.randomUUID(),
        "h",
        owner,
        List.of(new Claim(Resource.parse(resource), mode)),
        start,
        start.plus(Duration.ofHours(hours)),
        "m",
        NOW,
        NOW,
        owner,
        Optional.empty());
  }

  private static final List<Reservation> DATA =
      List.of(
          r(1, "alice", "gpu:0", Mode.EXCLUSIVE, -2, 30),
          r(2, "bob", "gpu:1", Mode.SHARED, 24, 12),
          r(3, "carol", "host", Mode.EXCLUSIVE, 48, 2),
          r(4, "anna", "gpu:1", Mode.SHARED, 30, 12));

  @ParameterizedTest
  @ValueSource(ints = {80, 200})
  void fitsTheWidthWithARowPerResourceAndALegend(int width) {
    String chart = new Timeline(INV, ZONE).render(DATA, NOW, 3, width);
    List<String> lines = chart.lines().toList();
    assertTrue(lines.stream().allMatch(l -> l.length() <= width), chart);
    assertTrue(lines.get(0).startsWith("Timeline Fri 27 Nov 20:00 – Mon 30 Nov 20:00"), chart);
    assertTrue(lines.get(1).contains("|Sat 28") && lines.get(1).contains("|Sun 29"), chart);
    List<String> rows = lines.subList(2, 7);
    assertEquals(
        List.of("host", "gpu:0", "gpu:1", "cpu", "fpga0"),
        rows.stream().map(l -> l.split(" ")[0]).toList(),
        chart);
    String gpu0 = rows.get(1).substring(7);
    assertTrue(gpu0.startsWith("A"), "alice holds gpu:0 now: " + chart);
    assertTrue(
        rows.get(2).contains("b") && rows.get(2).contains("#"),
        "bob and anna share gpu:1, overlapping: " + chart);
    assertTrue(
        rows.get(0).contains("C") && rows.get(1).contains("C") && rows.get(4).contains("C"),
        "carol's exclusive whole-host claim shows on every row: " + chart);
    assertTrue(lines.get(7).contains("^now"), chart);
    assertTrue(
        chart.contains("  A  alice (1)")
            && chart.contains("  B  bob (2)")
            && chart.contains("  C  carol (3)"),
        chart);
    assertTrue(
        chart.contains("anna (4)") && !chart.contains("  A  anna"),
        "anna gets another letter than alice: " + chart);
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 200})
  void aWiderChartHasFinerColumns(int width) {
    String chart = new Timeline(INV, ZONE).render(DATA, NOW, 3, width);
    String gpu0 =
        chart.lines().filter(l -> l.startsWith("gpu:0")).findFirst().orElseThrow().substring(7);
    long held = gpu0.chars().filter(c -> c == 'A').count();
    double share = (double) held / gpu0.length();
    assertEquals(28.0 / 72, share, 0.03, "alice's remaining 28 of 72 hours: " + chart);
  }
}
