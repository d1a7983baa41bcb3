package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A burst of changes reaches real terminals (tmux panes in utmp) as a few summaries that count
 * every change; a lone claim still arrives at once, and an urgent heads-up is never held back.
 */
class WallBurstIT {
  static TmuxTerminal bob;
  static TmuxTerminal carol;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhbalice");
    RealUsers.ensure("hhbbob");
    RealUsers.ensure("hhbcarol");
    bob = new TmuxTerminal("hhbbob", "mesg y; exec sleep 3600");
    carol = new TmuxTerminal("hhbcarol", "mesg n; exec sleep 3600");
  }

  @AfterAll
  static void stop() {
    if (bob != null) {
      bob.close();
    }
    if (carol != null) {
      carol.close();
    }
  }

  private static DaemonFixture daemon() throws Exception {
    return new DaemonFixture("[notify]\nenabled = [\"motd\", \"wall\"]\n").start();
  }

  /** The claims by {@code user} a terminal's text names or counts. */
  static int claimsSeen(String text, String user) {
    String flat = text.replaceAll("\\s+", " ");
    int n = 0;
    Matcher single = Pattern.compile(Pattern.quote(user) + " claimed ").matcher(flat);
    while (single.find()) {
      n++;
    }
    Matcher summary = Pattern.compile(Pattern.quote(user) + " made (\\d+) claims? ").matcher(flat);
    while (summary.find()) {
      n += Integer.parseInt(summary.group(1));
    }
    return n;
  }

  /** The broadcasts in a terminal's text, each from its banner on. */
  static List<String> broadcasts(String text) {
    String[] parts = text.replaceAll("\\s+", " ").split("Broadcast message from hosthog@", -1);
    return List.of(parts).subList(1, parts.length);
  }

  /** Waits until {@code text} arrived after {@code offset}; returns what arrived after it. */
  static String arrived(TmuxTerminal t, int offset, String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    String seen = t.raw().substring(offset);
    while (!seen.replaceAll("\\s+", " ").contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      seen = t.raw().substring(offset);
    }
    assertTrue(
        seen.replaceAll("\\s+", " ").contains(text), "'" + text + "' did not arrive: " + seen);
    return seen;
  }

  @Test
  void twoHundredClaimsInABurstAreAFewBroadcastsAndAnUrgentOneIsNotHeldBack() throws Exception {
    try (DaemonFixture hh = daemon()) {
      int bobBefore = bob.raw().length();
      int carolBefore = carol.raw().length();
      long urgentSent = 0;
      try (HosthogClient c = HosthogClient.connect(List.of(hh.socket), Duration.ofSeconds(30))) {
        for (int i = 0; i < 200; i++) {
          Response<?> r =
              c.call(
                  new Request.Claim(
                      List.of("gpu:" + (i % 4)),
                      Optional.empty(),
                      Optional.of("+" + (i / 4 + 1) + "h"),
                      Optional.empty(),
                      Optional.of("30m"),
                      Optional.empty(),
                      "burst " + i,
                      false));
          assertTrue(r instanceof Response.Ok, r.toString());
          if (i == 100) { // mid-burst: the whole host, exclusively, in 2 minutes
            urgentSent = System.nanoTime();
            Result urgent =
                hh.as(
                    "hhbalice",
                    "claim",
                    "host",
                    "--exclusive",
                    "--in",
                    "2m",
                    "--for",
                    "5m",
                    "-m",
                    "urgent reboot");
            assertEquals(0, urgent.exit(), urgent.toString());
          }
        }
      }
      arrived(carol, carolBefore, "urgent reboot", 10);
      System.out.printf(
          "WallBurstIT: urgent claim on a mesg-n terminal %d ms after the CLI started, mid-burst%n",
          (System.nanoTime() - urgentSent) / 1_000_000);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (claimsSeen(bob.raw().substring(bobBefore), "root") < 200
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(3_000); // nothing more may follow
      String seen = bob.raw().substring(bobBefore);
      assertEquals(200, claimsSeen(seen, "root"), "every claim named or counted once: " + seen);
      assertTrue(seen.contains("urgent reboot"), seen);
      long routine = broadcasts(seen).stream().filter(b -> !b.contains("urgent reboot")).count();
      System.out.printf(
          "WallBurstIT: 200 claims -> %d routine broadcasts on bob's terminal%n", routine);
      assertTrue(routine <= 5, routine + " broadcasts for one burst: " + seen);
      List<String> carols = broadcasts(carol.raw().substring(carolBefore));
      assertTrue(
          !carols.isEmpty() && carols.stream().allMatch(b -> b.contains("urgent reboot")),
          "carol (mesg n) gets the urgent notices only: " + carols);
      String motd = Files.readString(hh.motd());
      assertTrue(motd.contains("urgent reboot"), "the motd shows the final state: " + motd);
    }
  }

  @Test
  void aLoneClaimArrivesAtOnceAsItsOwnMessage() throws Exception {
    try (DaemonFixture hh = daemon()) {
      int before = bob.raw().length();
      Result r = hh.as("hhbalice", "claim", "fpga0", "--for", "1h", "-m", "lone claim");
      long returned = System.nanoTime();
      assertEquals(0, r.exit(), r.toString());
      String seen = arrived(bob, before, "hosthog show " + r.out().strip(), 10);
      System.out.printf(
          "WallBurstIT: a lone claim on another user's terminal %d ms after the CLI returned%n",
          (System.nanoTime() - returned) / 1_000_000);
      assertTrue(seen.replaceAll("\\s+", " ").contains("hhbalice claimed fpga0 until"), seen);
      assertEquals(1, broadcasts(seen).size(), seen);
    }
  }
}
