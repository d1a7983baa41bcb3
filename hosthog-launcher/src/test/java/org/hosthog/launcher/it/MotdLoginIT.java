package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real login: sshd on loopback with PAM, a test user with a key, a pseudo-terminal. pam_motd
 * shows {@code /run/motd.d/hosthog}, which the daemon keeps current.
 */
class MotdLoginIT {
  static final Path MOTD = Path.of("/run/motd.d/hosthog");
  static Sshd sshd;
  static DaemonFixture hh;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/sshd")),
        "needs openssh-server (.ci/run installs it)");
    RealUsers.ensure("hhmotd");
    RealUsers.ensure("hhmalice");
    sshd = Sshd.start("sshd", List.of(), "hhmotd");
    hh =
        new DaemonFixture(
                "[notify]\nenabled = [\"motd\"]\n[notify.motd]\npath = \"" + MOTD + "\"\n")
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hh != null) {
      hh.close();
    }
    if (sshd != null) {
      sshd.close();
    }
    Files.deleteIfExists(MOTD);
  }

  /** Logs in as hhmotd through a pseudo-terminal and returns what the session printed. */
  private static String login() throws Exception {
    Result r = sshd.login("hhmotd");
    assertEquals(0, r.exit(), r.toString() + "\nsshd log:\n" + sshd.log());
    return r.out();
  }

  /**
   * Waits until the motd file does (or no longer does) show {@code text}: the daemon rewrites it
   * within a quarter of a second of a change (a burst is one write), not before the CLI returns.
   */
  private static void awaitMotd(String text, boolean shown) throws Exception {
    for (int i = 0; i < 50 && Files.readString(MOTD).contains(text) != shown; i++) {
      Thread.sleep(100);
    }
  }

  @Test
  void theNextLoginShowsTheCurrentClaims() throws Exception {
    Result claim = hh.as("hhmalice", "claim", "gpu:2-3", "--for", "3h", "-m", "motd login check");
    assertEquals(0, claim.exit(), claim.toString());
    awaitMotd("motd login check", true);
    String session = login();
    assertTrue(session.contains("hosthog: who uses"), session);
    assertTrue(
        session.contains("gpu:2-3  hhmalice  exclusive")
            && session.contains("\"motd login check\" [new]"),
        session);
    assertTrue(session.contains("Free now: gpu:0 gpu:1 cpu fpga0"), session);

    assertEquals(0, hh.as("hhmalice", "release", claim.out().strip()).exit());
    awaitMotd("motd login check", false);
    String after = login();
    assertTrue(!after.contains("motd login check") && after.contains("nothing is claimed"), after);
  }

  @Test
  void hosthogMotdPrintsTheSameSchedule() throws Exception {
    Result claim = hh.as("hhmalice", "claim", "fpga0", "--for", "1h", "-m", "same text");
    Result motd = hh.as("hhmotd", "motd");
    assertEquals(0, motd.exit(), motd.toString());
    assertTrue(
        motd.out().contains("fpga0  hhmalice  exclusive") && motd.out().contains("\"same text\""),
        motd.out());
    awaitMotd("\"same text\"", true);
    assertTrue(Files.readString(MOTD).contains("\"same text\""), Files.readString(MOTD));
    hh.as("hhmalice", "release", claim.out().strip());
  }
}
