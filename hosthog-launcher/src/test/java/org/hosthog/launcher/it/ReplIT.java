package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hosthog> shell in a real pseudo-terminal (a tmux pane of a real user) against a real daemon.
 */
class ReplIT {
  static DaemonFixture hh;
  static String mine1;
  static String mine2;
  static String bobs;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhralice");
    RealUsers.ensure("hhrbob");
    hh = new DaemonFixture("[notify]\nenabled = []\n").start();
    mine1 = hh.as("hhralice", "claim", "gpu:0", "--for", "2h", "-m", "first").out().strip();
    bobs = hh.as("hhrbob", "claim", "gpu:1", "--for", "2h", "-m", "bobs run").out().strip();
    mine2 =
        hh.as("hhralice", "claim", "fpga0", "--at", "+3h", "--for", "1h", "-m", "second")
            .out()
            .strip();
  }

  @AfterAll
  static void stop() {
    if (hh != null) {
      hh.close();
    }
  }

  /** A pane running the shell as hhralice, twice in a row (to see history survive a restart). */
  private static TmuxTerminal shell() throws Exception {
    String home =
        DaemonFixture.exec(java.util.List.of("getent", "passwd", "hhralice"), null)
            .out()
            .split(":")[5];
    String run =
        "env HOME="
            + home
            + " TERM=xterm-256color HOSTHOG_SOCKET="
            + hh.socket
            + " "
            + DaemonFixture.BIN;
    return new TmuxTerminal("hhralice", run + "; " + run + "; exec sleep 3600");
  }

  /** Opens a fresh shell, types {@code keys} and returns the screen once {@code expected} shows. */
  private static String typed(String expected, String... keys) throws Exception {
    try (TmuxTerminal t = shell()) {
      assertTrue(t.awaitScreen("hosthog>", 30).contains("hosthog>"), t.screen());
      t.send(keys);
      return t.awaitScreen(expected, 10);
    }
  }

  @Test
  void withoutADaemonCompletionGivesUpQuicklyAndThePromptStaysUsable() throws Exception {
    String home =
        DaemonFixture.exec(java.util.List.of("getent", "passwd", "hhralice"), null)
            .out()
            .split(":")[5];
    String run =
        "env HOME="
            + home
            + " TERM=xterm HOSTHOG_SOCKET=/nonexistent/hosthog.sock "
            + DaemonFixture.BIN;
    try (TmuxTerminal t = new TmuxTerminal("hhralice", run + "; exec sleep 3600")) {
      t.awaitScreen("hosthog>", 30);
      long t0 = System.nanoTime();
      t.send("release ", "Tab", "still typing");
      String screen = t.awaitScreen("still typing", 5);
      assertTrue(screen.contains("hosthog> release still typing"), screen);
      assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "completion did not hold up the prompt");
      t.send("C-u", "list", "Enter");
      assertTrue(
          t.awaitScreen("no hosthog daemon answers", 10)
              .contains("Start one with 'hosthog daemon'"),
          t.screen());
    }
  }

  @Test
  void commandsComplete() throws Exception {
    String screen = typed("hosthog> release", "rel", "Tab");
    assertTrue(screen.contains("hosthog> release"), screen);
  }

  @Test
  void idsCompleteWithYourOwnFirst() throws Exception {
    String ids = typed("others", "release ", "Tab");
    assertTrue(ids.contains("mine") && ids.contains("others"), ids);
    int mine = ids.indexOf("mine");
    int others = ids.indexOf("others");
    assertTrue(mine < others, "your own ids come first: " + ids);
    assertTrue(
        ids.indexOf(mine1 + " ", mine) < others && ids.indexOf(mine2 + " ", mine) < others, ids);
    assertTrue(ids.indexOf(bobs + " ", others) > others, ids);
  }

  @Test
  void resourcesAndDurationsComplete() throws Exception {
    String gpus = typed("gpu:3", "claim gp", "Tab");
    assertTrue(gpus.contains("gpu:0") && gpus.contains("gpu:3"), gpus);
    String cpus = typed("cpu:0", "claim cpu:", "Tab");
    assertTrue(
        cpus.contains("hosthog> claim cpu:"), "the colon stays, the CPUs are offered: " + cpus);
    String spans = typed("30m", "claim gpu:2 --for ", "Tab");
    assertTrue(spans.contains("1h") && spans.contains("1w"), spans);
    String option = typed("--gpus", "claim --gp", "Tab");
    assertTrue(option.contains("claim --gpus"), option);
    String counts = typed("GPUs", "claim --gpus ", "Tab");
    assertTrue(counts.matches("(?s).*\\b1\\s+2\\s+3\\s+4\\b.*"), "1 to the host's 4: " + counts);
    String periods = typed("weekday", "claim gpu:2 --every ", "Tab");
    assertTrue(periods.contains("week") && periods.contains("2w"), periods);
  }

  @Test
  void commandsRunAndHistorySurvivesARestart() throws Exception {
    try (TmuxTerminal t = shell()) {
      t.awaitScreen("hosthog>", 30);
      t.send("show " + mine1, "Enter");
      assertTrue(t.awaitScreen("Reservation " + mine1, 15).contains("first"), t.screen());
      t.send("claim gpu:9 --for 1h -m nope", "Enter");
      assertTrue(
          t.awaitScreen("claimable here", 15).contains("claimable here"),
          "an error keeps the shell: " + t.screen());
      t.send("exit", "Enter");
      awaitFreshPrompt(t); // the second shell in the pane has started
      t.send("Up");
      assertTrue(
          t.awaitScreen("hosthog> claim gpu:9", 10)
              .contains("hosthog> claim gpu:9 --for 1h -m nope"),
          t.screen());
      t.send("C-c");
      t.send("C-d");
    }
  }

  /** Waits until the last line on screen is an empty prompt below the previous session's "exit". */
  private static void awaitFreshPrompt(TmuxTerminal t) throws Exception {
    for (int i = 0; i < 300; i++) {
      List<String> lines =
          t.screen().lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
      int exit = lines.lastIndexOf("hosthog> exit");
      if (exit >= 0 && lines.size() > exit + 1 && lines.get(lines.size() - 1).equals("hosthog>")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the second shell did not start: " + t.screen());
  }

  @Test
  void aPipedScriptRunsLineByLineAndStopsAtTheFirstFailure() throws Exception {
    Result ok = hh.asWithInput("hhralice", "# a comment\nlist --mine\n\nshow " + mine1 + "\n");
    assertEquals(0, ok.exit(), ok.toString());
    assertTrue(ok.out().contains("first") && ok.out().contains("Reservation " + mine1), ok.out());
    Result failing =
        hh.asWithInput(
            "hhralice",
            "list\nclaim gpu:9 --for 1h -m \"no such gpu\"\nclaim fpga0 --for 1h -m never\n");
    assertEquals(1, failing.exit(), failing.toString());
    assertTrue(failing.err().contains("stopped at line 2"), failing.err());
    assertFalse(hh.as("hhralice", "list").out().contains("never"), "nothing after the failure ran");
  }

  @Test
  void theTimelineIsAvailableFromTheCommandLine() throws Exception {
    Result r = hh.as("hhralice", "timeline", "--days", "2", "--width", "100");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().lines().allMatch(l -> l.length() <= 100), r.out());
    assertTrue(r.out().contains("hhralice") && r.out().contains("hhrbob"), r.out());
  }
}
