package org.hosthog.launcher.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/hosthog} hands a command line to the daemon, which runs it for the caller: real users
 * through the real socket, each output compared byte for byte with the same command run in the
 * client's own process ({@code HOSTHOG_QUICK=0}). Needs root (CI runs it as root).
 */
class ThinClientIT {
  static DaemonFixture hh;
  static long alices;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    RealUsers.ensure("hhalice");
    RealUsers.ensure("hhbob");
    hh = new DaemonFixture().start();
    alices =
        claimed(hh.as("hhalice", "claim", "fpga0", "--in", "30h", "--for", "3h", "-m", "kept"));
    claimed(hh.as("hhalice", "claim", "gpu:0", "--for", "2h", "-m", "training \"run\" é"));
    long gone = claimed(hh.as("hhbob", "claim", "cpu:0", "--in", "40h", "--for", "1h", "-m", "x"));
    assertEquals(0, hh.as("hhbob", "release", Long.toString(gone)).exit());
  }

  @AfterAll
  static void stop() {
    if (hh != null) {
      hh.close();
    }
  }

  private static long claimed(Result r) {
    assertEquals(0, r.exit(), r.toString());
    return Long.parseLong(r.out().strip());
  }

  /**
   * Runs {@code args} as hhbob through the daemon, then in-process, then through the daemon again,
   * and checks the in-process run equals one of the two (relative times like "in 30 min" may change
   * between runs once, never twice within a second or two).
   */
  private static void samePrinted(List<String> env, String... args) throws Exception {
    List<String> full = new ArrayList<>(env);
    full.add("HOSTHOG_QUICK=0");
    Result thin1 = hh.asWithEnv("hhbob", env, args);
    Result local = hh.asWithEnv("hhbob", full, args);
    Result thin2 = hh.asWithEnv("hhbob", env, args);
    String what = String.join(" ", args);
    assertTrue(
        same(local, thin1) || same(local, thin2),
        what + "\nin-process: " + local + "\nthrough the daemon: " + thin1);
  }

  private static boolean same(Result a, Result b) {
    return a.exit() == b.exit() && a.out().equals(b.out()) && a.err().equals(b.err());
  }

  @Test
  void everyCommandTheDaemonRunsPrintsWhatTheClientWouldHave() throws Exception {
    String id = Long.toString(alices);
    for (String[] args :
        List.of(
            new String[] {"list"},
            new String[] {"list", "--all"},
            new String[] {"list", "--mine"},
            new String[] {"list", "--user", "hhalice", "--json"},
            new String[] {"list", "--all", "--limit", "1"},
            new String[] {"list", "--all", "--json", "--limit", "1"},
            new String[] {"show", id},
            new String[] {"show", id, "--json"},
            new String[] {"status"},
            new String[] {"resources"},
            new String[] {"resources", "--json"},
            new String[] {"limits"},
            new String[] {"limits", "--json"},
            new String[] {"motd"},
            new String[] {"timeline"},
            new String[] {"timeline", "--days", "2"},
            new String[] {"plugins"},
            // refusals and usage errors: same message, same exit code, nothing changed
            new String[] {"sync"},
            new String[] {"claim", "fpga0", "--in", "31h", "--for", "1h", "-m", "in the way"},
            new String[] {"claim", "gpu:9", "--for", "1h", "-m", "no such gpu"},
            new String[] {"claim", "gpu:1", "--for", "soon", "-m", "bad duration"},
            new String[] {"claim", "gpu:1", "--for", "1h"},
            new String[] {"release", id},
            new String[] {"extend", "999999", "--by", "1h"},
            new String[] {"edit", id, "-m", "not yours"},
            new String[] {"show", "abc"},
            new String[] {"list", "--limit", "-1"},
            new String[] {"list", "--nope"})) {
      samePrinted(List.of(), args);
    }
    Result show = hh.as("hhbob", "show", id, "--json");
    assertEquals(
        "kept", JsonParser.parseString(show.out()).getAsJsonObject().get("message").getAsString());
  }

  @Test
  void outputIsUtf8WhateverTheLocale() throws Exception {
    samePrinted(List.of("LC_ALL=C", "LANG=C"), "list");
    Result list = hh.asWithEnv("hhbob", List.of("LC_ALL=C", "LANG=C"), "list");
    assertTrue(list.out().contains("training \"run\" é"), list.out());
  }

  @Test
  void theTerminalWidthTravelsWithTheCommandLine() throws Exception {
    samePrinted(List.of("COLUMNS=60"), "timeline");
    samePrinted(List.of("COLUMNS=200"), "timeline");
    Result narrow = hh.asWithEnv("hhbob", List.of("COLUMNS=60"), "timeline");
    Result wide = hh.asWithEnv("hhbob", List.of("COLUMNS=200"), "timeline");
    // the chart's rows are as wide as the terminal (legend lines may run longer)
    int narrowRow = narrow.out().lines().skip(2).findFirst().orElseThrow().length();
    int wideRow = wide.out().lines().skip(2).findFirst().orElseThrow().length();
    assertTrue(narrowRow <= 60 && wideRow > 100, narrow.out() + "\n" + wide.out());
  }

  @Test
  void aClaimMadeThroughTheDaemonIsTheCallersOwn() throws Exception {
    Result claim = hh.as("hhbob", "claim", "gpu:3", "--for", "1h", "-m", "thin claim");
    long id = claimed(claim);
    assertTrue(
        claim.err().startsWith("hosthog: claimed gpu:3 (exclusive) now until "), claim.err());
    JsonObject shown =
        JsonParser.parseString(hh.as("hhbob", "show", Long.toString(id), "--json").out())
            .getAsJsonObject();
    assertEquals("hhbob", shown.get("owner").getAsString());
    assertEquals(0, hh.as("hhbob", "release", Long.toString(id)).exit());
  }

  @Test
  void theDaemonRunsACommandLineOnlyWithItsCallersRights() throws Exception {
    String line = "{\"v\":1,\"op\":\"cli\",\"args\":{\"argv\":[\"release\",\"" + alices + "\"]}}\n";
    JsonObject answer =
        JsonParser.parseString(hh.raw("hhbob", line.getBytes(UTF_8), 1)).getAsJsonObject();
    assertTrue(answer.get("ok").getAsBoolean(), answer.toString());
    JsonObject printed = answer.getAsJsonObject("result");
    assertEquals(1, printed.get("exit").getAsInt(), printed.toString());
    assertTrue(printed.get("err").getAsString().contains("belongs to hhalice"), printed.toString());
    Result show = hh.as("hhalice", "show", Long.toString(alices), "--json");
    assertEquals(
        "planned", JsonParser.parseString(show.out()).getAsJsonObject().get("state").getAsString());
  }

  @Test
  void aCommandLineThatNamesAFileRunsInTheCallersOwnProcess() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"list", "@/etc/shadow"},
            new String[] {"--config", "/etc/shadow", "list"},
            new String[] {"list", "--config", "/etc/shadow"})) {
      Result r = hh.as("hhbob", args);
      // picocli in hhbob's own process cannot read the file either
      assertFalse(r.out().contains("root:") || r.err().contains("root:"), r.toString());
    }
    String line = "{\"v\":1,\"op\":\"cli\",\"args\":{\"argv\":[\"show\",\"@/etc/shadow\"]}}\n";
    String answer = hh.raw("hhbob", line.getBytes(UTF_8), 1);
    assertTrue(answer.contains("\"code\":\"bad_request\""), answer);
    assertFalse(answer.contains("root:"), answer);
  }

  @Test
  void whatTheDaemonDoesNotRunStillWorks() throws Exception {
    Result help = hh.as("hhbob", "list", "--help");
    assertEquals(0, help.exit(), help.toString());
    assertTrue(help.out().contains("Usage: hosthog list"), help.out());
    Result version = hh.as("hhbob", "--version");
    assertEquals(0, version.exit(), version.toString());
    assertTrue(version.out().startsWith("hosthog "), version.out());
  }
}
