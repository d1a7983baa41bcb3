package org.hosthog.text;

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
import org.hosthog.api.HostActivity;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;
import org.junit.jupiter.api.Test;

class MotdTextTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-11-27T19:00:00Z"); // Fri 20:00 in Berlin
  private static final Inventory INV =
      new Inventory(64, List.of(gpu(0), gpu(1), gpu(2), gpu(3)), List.of("fpga0"));
  private final MotdText motd = new MotdText("gpu-box", INV, ZONE);

  private static Gpu gpu(int i) {
    return new Gpu(i, "A100", "GPU-" + i, 40960);
  }

  private static Reservation r(
      long id,
      String owner,
      Claim claim,
      long startMin,
      long minutes,
      String message,
      long ageHours) {
    Instant start = NOW.plus(Duration.ofMinutes(startMin));
    Instant created = NOW.minus(Duration.ofHours(ageHours));
    return new Reservation(
        id,
        UUID.randomUUID(),
        "gpu-box",
        owner,
        List.of(claim),
        start,
        start.plus(Duration.ofMinutes(minutes)),
        message,
        created,
        created,
        owner,
        Optional.empty());
  }

  @Test
  void anOccurrenceOfASeriesSaysItsRuleAndPlace() {
    Reservation lab =
        r(7, "alice", Claim.of(Resource.parse("gpu:1")), 60, 60, "lab", 48)
            .inSeries(
                new Series(
                    UUID.randomUUID(),
                    "week",
                    NOW.minus(Duration.ofDays(14)).plusSeconds(3600),
                    3,
                    12));
    String text = motd.render(List.of(lab), HostActivity.none(), NOW);
    assertTrue(text.contains("\"lab\" [every Fri, 3 of 12]"), text);
  }

  @Test
  void anIdleHostGetsAShortMessage() {
    String text = motd.render(List.of(), HostActivity.none(), NOW);
    assertEquals(2, text.lines().count(), text);
    assertTrue(text.startsWith("hosthog: nothing is claimed on gpu-box today."), text);
  }

  @Test
  void aBusyHostShowsNowLaterFreeWhoIsOnAndMarksStrangersOnHeldGpus() {
    List<Reservation> today =
        List.of(
            r(
                42,
                "alice",
                new Claim(Resource.parse("gpu:0-1"), Mode.EXCLUSIVE),
                -60,
                60 * 24 * 18,
                "paper deadline",
                48),
            r(
                43,
                "bob",
                new Claim(new Resource.Host(), Mode.EXCLUSIVE),
                20,
                15,
                "reboot for kernel update",
                1));
    HostActivity activity =
        new HostActivity(
            List.of(
                new HostActivity.Session("alice", "pts/0", "10.0.0.5", NOW, 1),
                new HostActivity.Session("alice", "pts/1", "", NOW, 2),
                new HostActivity.Session("dave", "pts/2", "", NOW, 3)),
            List.of(
                new HostActivity.GpuProcess(0, 4242, "alice", "python3", 12000),
                new HostActivity.GpuProcess(1, 4343, "dave", "python", 3000)),
            List.of(new HostActivity.BusyProcess(5151, "dave", "make", 380)));
    String text = motd.render(today, activity, NOW);
    assertTrue(text.contains("hosthog: who uses gpu-box (Fri 27 Nov 20:00)"), text);
    assertTrue(
        text.contains(
            "Now:\n  gpu:0-1  alice  exclusive  until Tue 15 Dec 19:00  \"paper deadline\"\n"),
        text);
    assertTrue(
        text.contains(
            "Later today:\n  host  bob  EXCLUSIVE  20:20-20:35  \"reboot for kernel update\" [new]\n"),
        text);
    assertTrue(text.contains("Free now: gpu:2 gpu:3 cpu fpga0"), text);
    assertTrue(text.contains("Logged in: alice (2), dave"), text);
    assertTrue(
        text.contains("gpu:0  alice  python3 (pid 4242, 12000 MiB)\n"),
        "alice on her own GPU is not marked: " + text);
    assertTrue(text.contains("gpu:1  dave  python (pid 4343, 3000 MiB)  ! held by alice"), text);
    assertTrue(text.contains("cpu    dave  make (pid 5151, 380% CPU)"), text);
    assertTrue(text.lines().allMatch(l -> Columns.width(l) <= MotdText.WIDTH), text);
  }

  @Test
  void idleClaimsSayWhichAndWhy() {
    Reservation alices = r(7, "alice", Claim.of(Resource.parse("gpu:0")), -300, 600, "train", 6);
    Reservation bobs = r(8, "bob", Claim.of(Resource.parse("gpu:1")), -300, 600, "notebook", 6);
    Instant since = NOW.minus(Duration.ofHours(3)); // 17:00 in Berlin
    HostActivity activity =
        new HostActivity(
            List.of(),
            List.of(new HostActivity.GpuProcess(1, 4343, "bob", "jupyter", 800)),
            List.of(),
            new HostActivity.GpuTelemetry(
                Optional.of(NOW),
                List.of(),
                List.of(
                    new HostActivity.IdleGpu(0, alices, since, java.util.OptionalInt.empty()),
                    new HostActivity.IdleGpu(1, bobs, since, java.util.OptionalInt.of(2))),
                ""));
    String text = motd.render(List.of(alices, bobs), activity, NOW);
    assertTrue(
        text.contains(
            "Idle (claimed, not working):\n"
                + "  gpu:0  alice  no process since 17:00 (reservation 7)\n"
                + "  gpu:1  bob  at 2 % since 17:00 (reservation 8)\n"),
        text);
  }

  @Test
  void longAndHostileTextIsCutToEightyColumnsAndCleaned() {
    Reservation r =
        r(
            1,
            "mallory",
            Claim.of(Resource.parse("fpga0")),
            -5,
            60,
            "训练".repeat(60) + "\u001b[31m",
            1);
    String text = motd.render(List.of(r), HostActivity.none(), NOW);
    assertTrue(text.lines().allMatch(l -> Columns.width(l) <= MotdText.WIDTH), text);
    assertTrue(!text.contains("\u001b"), text);
    assertTrue(text.contains("…"), text);
  }
}
