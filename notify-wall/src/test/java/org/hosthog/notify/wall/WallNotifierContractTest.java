package org.hosthog.notify.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Mode;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.Notifier;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.EmptySettings;
import org.hosthog.tck.NotifierContract;
import org.hosthog.tck.PluginContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier contract for wall, writing to stand-in terminal files below a temporary "/dev" (the
 * real terminals are in the launcher's WallIT): bob has messages on, carol has them off.
 */
class WallNotifierContractTest extends NotifierContract {
  @TempDir Path dir;
  private Hosthog hosthog;

  private Hosthog core() {
    if (hosthog == null) {
      try {
        for (String tty : List.of("pts/1", "pts/2", "pts/3")) {
          Files.createDirectories(dir.resolve("dev/pts"));
          Files.createFile(dir.resolve("dev").resolve(tty));
        }
        Files.setPosixFilePermissions(
            dir.resolve("dev/pts/1"), PosixFilePermissions.fromString("rw--w----")); // bob: mesg y
        Files.setPosixFilePermissions(
            dir.resolve("dev/pts/2"),
            PosixFilePermissions.fromString("rw-------")); // carol: mesg n
        Files.setPosixFilePermissions(
            dir.resolve("dev/pts/3"),
            PosixFilePermissions.fromString("rw-------")); // alice: mesg n
        hosthog =
            Hosthog.builder()
                .host("gpu-box")
                .stateDir(Files.createDirectories(dir.resolve("state")))
                .gpus(4)
                .scheduler(false)
                .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return hosthog;
  }

  @AfterEach
  void closeCore() {
    hosthog.close();
  }

  private static HostActivity sessions() {
    Instant t = Instant.parse("2026-11-27T08:00:00Z");
    return new HostActivity(
        List.of(
            new HostActivity.Session("bob", "pts/1", "10.0.0.2", t, 1),
            new HostActivity.Session("carol", "pts/2", "", t, 2),
            new HostActivity.Session("alice", "pts/3", "", t, 3),
            new HostActivity.Session("mallory", "../../etc/passwd", "", t, 4)),
        List.of(),
        List.of());
  }

  @Override
  protected Notifier open() {
    PluginContexts ctx =
        new PluginContexts(
            "gpu-box",
            EmptySettings.INSTANCE,
            dir,
            Clock.systemUTC(),
            ZoneId.of("Europe/Berlin"),
            core().reservations(),
            WallNotifierContractTest::sessions);
    return new WallNotifier(ctx, new Terminals(dir.resolve("dev")));
  }

  @Override
  protected Reservation claimed(String owner, String resource, String message) {
    return claim(
        owner,
        new Claim(Resource.parse(resource), Resource.parse(resource).defaultMode()),
        0,
        message);
  }

  private Reservation claim(String owner, Claim claim, long inMinutes, String message) {
    Instant start = Instant.now().plus(Duration.ofMinutes(inMinutes));
    Outcome o =
        core()
            .reservations()
            .claim(
                Actor.of(owner),
                new ClaimRequest(
                    List.of(claim), start, start.plus(Duration.ofMinutes(15)), message, false));
    return ((Outcome.Granted) o).reservation();
  }

  @Override
  protected String delivered() throws IOException {
    return Files.readString(dir.resolve("dev/pts/1"));
  }

  private String terminal(int n) throws IOException {
    return Files.readString(dir.resolve("dev/pts/" + n));
  }

  @Test
  void routineNoticesSpareMesgNTerminals() throws IOException {
    Reservation r = claimed("alice", "gpu:2", "training");
    notifier.onEvent(new HostEvent.Created(r, "alice", Instant.now(), List.of()));
    assertTrue(terminal(1).contains("Broadcast message from hosthog@gpu-box"), terminal(1));
    assertTrue(terminal(1).contains("hosthog: alice claimed gpu:2 until"), terminal(1));
    assertEquals("", terminal(2), "carol said mesg n");
  }

  @Test
  void aHeadsUpForAnExclusiveWholeHostClaimReachesEveryone() throws IOException {
    Reservation r =
        claim(
            "alice", new Claim(new Resource.Host(), Mode.EXCLUSIVE), 5, "reboot for kernel update");
    notifier.onEvent(new HostEvent.StartingSoon(r, Instant.now()));
    for (int n = 1; n <= 3; n++) {
      assertTrue(
          terminal(n).contains("takes the whole host EXCLUSIVELY")
              && terminal(n).contains("Save your work"),
          terminal(n));
    }
  }

  @Test
  void aReminderReachesOnlyTheOwnerWithTheExtendCommand() throws IOException {
    Reservation r = claimed("alice", "gpu:1", "long job");
    notifier.onEvent(new HostEvent.EndingSoon(r, Instant.now()));
    assertTrue(
        terminal(3).replaceAll("\\s+", " ").contains("hosthog extend " + r.id() + " --by 1h"),
        terminal(3));
    assertEquals("", terminal(1));
    assertEquals("", terminal(2));
  }

  @Test
  void oddTerminalNamesFromUtmpAreNeverFollowed() {
    Reservation r = claimed("alice", "gpu:0", "x");
    notifier.onEvent(
        new HostEvent.StartingSoon(
            claim("alice", new Claim(new Resource.Host(), Mode.EXCLUSIVE), 20, "y"),
            Instant.now()));
    assertTrue(Files.notExists(dir.resolve("etc/passwd")));
    assertTrue(r.id() > 0);
  }

  private static int broadcasts(String terminal) {
    return terminal.split("Broadcast message from hosthog@", -1).length - 1;
  }

  @Test
  void aBurstOfClaimsBecomesOneMessageAndOneSummaryCountingEveryClaim() throws IOException {
    List<Reservation> claims = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      claims.add(claim("alice", Claim.of(Resource.parse("gpu:0")), 20 + 20 * i, "run " + i));
    }
    Instant now = Instant.now();
    for (Reservation r : claims) { // a burst: well within one window
      notifier.onEvent(new HostEvent.Created(r, "alice", now, List.of()));
    }
    assertEquals(1, broadcasts(terminal(1)), "the first claim went out at once, alone");
    notifier.close(); // hands over the pending summary
    String seen = terminal(1).replaceAll("\\s+", " ");
    assertEquals(2, broadcasts(terminal(1)), seen);
    assertTrue(seen.contains("hosthog: alice made 39 claims (gpu:0, "), seen);
    assertTrue(seen.contains("— hosthog list"), seen);
  }

  @Test
  void changesACalendarSyncMadeBecomeOneSummaryMarkedAsSuch() throws IOException {
    List<Reservation> claims = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      claims.add(claim("alice", Claim.of(Resource.parse("gpu:1")), 20 + 20 * i, "cal " + i));
    }
    Instant now = Instant.now();
    for (Reservation r : claims) {
      notifier.onEvent(
          new HostEvent.Created(r, "alice", now, List.of(), java.util.Optional.of("calendar")));
    }
    assertEquals(0, broadcasts(terminal(1)), "a sync's changes wait for the sync to finish");
    notifier.close();
    String seen = terminal(1).replaceAll("\\s+", " ");
    assertEquals(1, broadcasts(terminal(1)), seen);
    assertTrue(seen.contains("alice (via calendar) made 10 claims (gpu:1, "), seen);
  }

  @Test
  void anUrgentHeadsUpDuringABurstIsNeitherDelayedNorMerged() throws IOException {
    List<Reservation> claims = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      claims.add(claim("bob", Claim.of(Resource.parse("gpu:2")), 20 + 20 * i, "b" + i));
    }
    Reservation reboot =
        claim("bob", new Claim(new Resource.Host(), Mode.EXCLUSIVE), 5, "reboot now");
    Instant now = Instant.now();
    for (Reservation r : claims) {
      notifier.onEvent(new HostEvent.Created(r, "bob", now, List.of()));
    }
    notifier.onEvent(new HostEvent.StartingSoon(reboot, now));
    assertTrue(terminal(2).contains("reboot now"), "carol (mesg n) has it at once: " + terminal(2));
    assertTrue(terminal(1).contains("reboot now"), terminal(1));
    assertEquals(2, broadcasts(terminal(1)), "bob's first claim and the heads-up; the rest wait");
  }

  @Test
  void releasesAndChangesAreCountedPerPerson() {
    Reservation a = claimed("alice", "gpu:3", "x");
    Reservation b = claim("bob", Claim.of(Resource.parse("gpu:3")), 60, "y");
    Instant now = Instant.now();
    Broadcast summary =
        new WallMessages(ZoneId.of("Europe/Berlin"))
            .summary(
                List.of(
                    new HostEvent.Released(a, "alice", now),
                    new HostEvent.Changed(b, b, "bob", now, List.of()),
                    new HostEvent.Released(b, "root", now)));
    assertEquals(
        "hosthog: alice released 1; bob changed 1; root cancelled 1 — hosthog list",
        summary.text());
  }

  @Test
  void longMessagesWrapAt79Columns() {
    List<String> lines = WallNotifier.wrap("word ".repeat(60).strip(), 79);
    assertTrue(lines.stream().allMatch(l -> l.length() <= 79), lines.toString());
    assertEquals(60, String.join(" ", lines).split(" ").length);
  }
}
