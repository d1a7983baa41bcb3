package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real terminals registered in utmp receive hosthog's messages: bob (mesg y) gets routine notices,
 * carol (mesg n) only urgent ones, and no hostile byte reaches either, the motd or `list`.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WallIT {
  static DaemonFixture hh;
  static TmuxTerminal bob;
  static TmuxTerminal carol;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhwalice");
    RealUsers.ensure("hhwbob");
    RealUsers.ensure("hhwcarol");
    bob = new TmuxTerminal("hhwbob", "mesg y; exec sleep 3600");
    carol = new TmuxTerminal("hhwcarol", "mesg n; exec sleep 3600");
    hh = new DaemonFixture("[notify]\nenabled = [\"motd\", \"wall\"]\n").start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hh != null) {
      hh.close();
    }
    if (bob != null) {
      bob.close();
    }
    if (carol != null) {
      carol.close();
    }
  }

  /** First: a lone change goes out as its own message (later tests make bursts, which merge). */
  @Test
  @Order(1)
  void aClaimReachesOtherUsersTerminalsButNotThoseWithMesgN() throws Exception {
    Result r = hh.as("hhwalice", "claim", "gpu:1", "--for", "2h", "-m", "fine-tuning run");
    assertEquals(0, r.exit(), r.toString());
    String id = r.out().strip();
    String seen =
        bob.await("hosthog show " + id, 30); // may wait for the window of an earlier burst
    assertTrue(seen.contains("Broadcast message from hosthog@"), seen);
    assertTrue(seen.replaceAll("\\s+", " ").contains("hhwalice claimed gpu:1 until"), seen);
    assertTrue(seen.contains("\"fine-tuning run\""), seen);
    Thread.sleep(500);
    assertFalse(carol.raw().contains("fine-tuning run"), "carol said mesg n: " + carol.raw());
    assertTrue(
        Files.readString(hh.motd()).contains("fine-tuning run"), Files.readString(hh.motd()));
  }

  @Test
  void anExclusiveWholeHostClaimSoonReachesEveryoneLikeShutdown() throws Exception {
    Result r =
        hh.as(
            "hhwalice",
            "claim",
            "host",
            "--exclusive",
            "--in",
            "5m",
            "--for",
            "10m",
            "-m",
            "reboot for kernel update");
    assertEquals(0, r.exit(), r.toString());
    String seen = carol.await("reboot for kernel update", 10);
    assertTrue(seen.replaceAll("\\s+", " ").contains("the whole host EXCLUSIVELY"), seen);
    assertEquals(0, hh.as("hhwalice", "release", r.out().strip()).exit());
  }

  /**
   * Messages users might type to attack other terminals; none of their control bytes may arrive.
   */
  static final List<String> HOSTILE =
      List.of(
          "\u001b[2J\u001b[Hscreen cleared",
          "\u001b]0;pwned\u0007title",
          "\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\",
          "\u001bPdcs\u001b\\",
          "\u001b[31mred\u001b[0m",
          "\u001b[5n",
          "\u001b[6n",
          "\u001b[21t",
          "\u001b[?1049h",
          "\u001bc",
          "\u001b[1;1H\u001b[0J",
          "\u001b[?25l",
          "\u001b(0",
          "\u001b#8",
          "\u001b[=0c",
          "bell\u0007bell",
          "back\bspace\b\b\b",
          "carriage\rreturn",
          "line\nfeed",
          "tab\there",
          "soh\u0001byte",
          "\u009b31mc1csi",
          "\u009d0;c1osc\u009c",
          "\u0085nextline",
          "\u0090c1dcs\u009c",
          "del\u007f",
          "\u202eevil reversed",
          "\u202dforced ltr",
          "\u2066isolate\u2069",
          "\u200frtl mark",
          "\u061carabic mark",
          "\u2028line sep",
          "\u2029para sep",
          "\u001b[200~paste\u001b[201~",
          "\u001b[?2004h",
          "\u001b[1000;1000H",
          "\u001b[9999999999m",
          "\u001b[38;2;255;0;0mtruecolor",
          "\u001b]52;c;Y2xpcGJvYXJk\u0007clipboard",
          "\u001b]1337;File=inline=1:AAAA\u0007iterm",
          "\u001bZ",
          "\u001b[c",
          "\u001b[>c",
          "\u001b]4;1;rgb:ff/00/00\u001b\\",
          "\u001b[4;1000;1000t",
          "\u001b[?1h\u001b=",
          "\u000e\u000fshift",
          "\u001a\u001csub",
          "\u0018\u0019cancel",
          "Broadcast message from root@localhost\r\n\r\nfake",
          "\r\u001b[Kerased line",
          "\u001b[3J scrollback wiped");

  @Test
  void noHostileByteReachesATerminalTheMotdOrList() throws Exception {
    assertTrue(HOSTILE.size() >= 50);
    int before = WallBurstIT.claimsSeen(bob.raw(), "hhwalice");
    for (int i = 0; i < HOSTILE.size(); i++) {
      Result r =
          hh.as(
              "hhwalice",
              "claim",
              "fpga0",
              "--at",
              "+" + (3 + i) + "h",
              "--for",
              "30m",
              "-m",
              "x" + i + " " + HOSTILE.get(i) + " y" + i);
      assertEquals(0, r.exit(), "message " + i + ": " + r);
    }
    long deadline = System.nanoTime() + 60_000_000_000L; // a burst: the first alone, then summaries
    while (WallBurstIT.claimsSeen(bob.raw(), "hhwalice") < before + HOSTILE.size()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(before + HOSTILE.size(), WallBurstIT.claimsSeen(bob.raw(), "hhwalice"), bob.raw());
    String terminal =
        bob.raw().replaceAll("\r+\n", "\n"); // line ends (the tty adds a CR of its own)
    String list = hh.as("hhwbob", "list").out();
    String motd = Files.readString(hh.motd());
    String json = hh.as("hhwbob", "list", "--json").out();
    for (String where : List.of("terminal", "list", "motd", "json")) {
      String text =
          switch (where) {
            case "terminal" -> terminal;
            case "list" -> list;
            case "motd" -> motd;
            default -> json;
          };
      for (int c = 0; c < text.length(); c++) {
        char ch = text.charAt(c);
        boolean bad =
            (ch < 0x20 && ch != '\n')
                || (ch >= 0x7f && ch < 0xa0)
                || (ch >= 0x202a && ch <= 0x202e)
                || (ch >= 0x2066 && ch <= 0x2069)
                || ch == 0x200f
                || ch == 0x061c
                || ch == 0x2028
                || ch == 0x2029;
        assertFalse(
            bad,
            where
                + " carries U+"
                + Integer.toHexString(ch)
                + " at "
                + c
                + ": "
                + text.substring(Math.max(0, c - 40), Math.min(text.length(), c + 40)));
      }
    }
    assertTrue(
        list.contains("x0") && list.contains("screen cleared"), "the harmless text stays: " + list);
  }
}
