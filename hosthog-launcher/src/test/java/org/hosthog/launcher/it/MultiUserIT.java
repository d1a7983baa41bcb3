package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real users on one daemon, through the real socket: conflicts, ownership, admins, root, and
 * attempts to act in someone else's name. Needs root (CI runs it as root).
 */
class MultiUserIT {
  static DaemonFixture hh;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    RealUsers.ensure("hhalice");
    RealUsers.ensure("hhbob");
    RealUsers.ensure("hhcarol", "hhadmins");
    hh = new DaemonFixture().start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hh != null) {
      hh.close();
    }
  }

  private static long claimed(Result r) {
    assertEquals(0, r.exit(), r.toString());
    return Long.parseLong(r.out().strip());
  }

  @Test
  void aConflictBetweenUsersIsRefusedAndListsTheHolder() throws Exception {
    long id = claimed(hh.as("hhalice", "claim", "gpu:0-1", "--for", "2h", "-m", "deadline"));
    Result bob = hh.as("hhbob", "claim", "gpu:1", "--for", "1h", "-m", "quick test");
    assertEquals(1, bob.exit(), bob.toString());
    assertTrue(
        bob.err().contains("conflicts with reservation " + id + " of hhalice (gpu:0-1)"),
        bob.err());
    assertTrue(bob.err().contains("--force"), "says how to override: " + bob.err());
    Result list = hh.as("hhbob", "list");
    assertTrue(list.out().contains("hhalice") && list.out().contains("deadline"), list.toString());
    Result forced =
        hh.as("hhbob", "claim", "gpu:1", "--for", "1h", "-m", "announced anyway", "--force");
    assertEquals(0, forced.exit(), forced.toString());
    assertTrue(forced.err().contains("despite conflicts"), forced.err());
  }

  @Test
  void aLongListIsCutWithALineSayingHowManyMore() throws Exception {
    // far ahead, so the other tests' claims on the same daemon never meet these
    claimed(hh.as("hhalice", "claim", "fpga0", "--in", "30h", "--for", "3h", "-m", "kept"));
    long released =
        claimed(hh.as("hhbob", "claim", "cpu:0", "--in", "40h", "--for", "1h", "-m", "gone"));
    assertEquals(0, hh.as("hhbob", "release", Long.toString(released)).exit());
    assertTrue(hh.as("hhbob", "list", "--all").out().contains("gone"));
    Result cut = hh.as("hhbob", "list", "--all", "--limit", "1");
    assertEquals(0, cut.exit(), cut.toString());
    assertTrue(
        cut.out()
            .matches(
                "(?s)ID .*\\n\\S.*\\n… and \\d+ more \\(hosthog list --limit 0 shows them all\\)\\n"),
        cut.out());
    Result json = hh.as("hhbob", "list", "--all", "--json", "--limit", "1");
    assertEquals(1, com.google.gson.JsonParser.parseString(json.out()).getAsJsonArray().size());
    assertTrue(
        json.err().matches("hosthog: \\d+ more not shown \\(--limit 0 shows all\\)\\n"),
        json.err());
    Result negative = hh.as("hhbob", "list", "--limit", "-1");
    assertEquals(2, negative.exit(), negative.toString());
    assertTrue(negative.err().contains("--limit takes how many to show"), negative.err());
  }

  @Test
  void onlyTheOwnerAnAdminOrRootMayChangeAReservation() throws Exception {
    long id = claimed(hh.as("hhalice", "claim", "gpu:2", "--for", "1h", "-m", "mine"));
    Result bob = hh.as("hhbob", "extend", Long.toString(id), "--by", "1h");
    assertEquals(1, bob.exit(), bob.toString());
    assertTrue(bob.err().contains("belongs to hhalice"), bob.err());
    assertEquals(1, hh.as("hhbob", "release", Long.toString(id)).exit());
    assertEquals(0, hh.as("hhalice", "extend", Long.toString(id), "--by", "30m").exit());
    Result admin = hh.as("hhcarol", "edit", Long.toString(id), "-m", "edited by an admin");
    assertEquals(0, admin.exit(), admin.toString());
    Result root = hh.as("root", "release", Long.toString(id));
    assertEquals(0, root.exit(), root.toString());
    Result show = hh.as("hhbob", "show", Long.toString(id), "--json");
    assertTrue(show.out().contains("\"state\": \"released\""), show.out());
    for (String actor :
        List.of("\"actor\": \"hhalice\"", "\"actor\": \"hhcarol\"", "\"actor\": \"root\"")) {
      assertTrue(show.out().contains(actor), "history records " + actor + ": " + show.out());
    }
  }

  @Test
  void environmentVariablesDoNotChangeWhoYouAre() throws Exception {
    Result r =
        hh.asWithEnv(
            "hhbob",
            List.of("USER=hhalice", "LOGNAME=hhalice", "SUDO_USER=hhalice", "HOME=/home/hhalice"),
            "claim",
            "fpga0",
            "--for",
            "10m",
            "-m",
            "spoofed?",
            "--json");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("\"owner\": \"hhbob\""), r.out());
  }

  @Test
  void forgedIdentityFieldsInARequestAreIgnored() throws Exception {
    String forged =
        "{\"v\":1,\"op\":\"claim\",\"user\":\"hhalice\",\"actor\":\"root\",\"uid\":0,"
            + "\"args\":{\"resources\":[\"cpu:0\"],\"for\":\"5m\",\"message\":\"forged\",\"owner\":\"hhalice\",\"user\":\"root\"}}\n"
            + "{\"v\":1,\"op\":\"hello\",\"user\":\"root\"}\n";
    String answer = hh.raw("hhbob", forged.getBytes(), 2);
    assertTrue(answer.contains("\"owner\":\"hhbob\""), answer);
    assertTrue(answer.contains("\"user\":\"hhbob\"") && answer.contains("\"admin\":false"), answer);
  }

  @Test
  void anAdminGroupMemberIsRecognisedThroughTheSystemsGroups() throws Exception {
    String hello = hh.raw("hhcarol", "{\"v\":1,\"op\":\"hello\"}\n".getBytes(), 1);
    assertTrue(hello.contains("\"admin\":true") && hello.contains("hhadmins"), hello);
  }
}
