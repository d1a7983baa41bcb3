package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hosthog reboot-check}, as molly-guard runs it before a reboot: other users' active claims
 * stop it.
 */
class RebootCheckIT {
  @BeforeAll
  static void users() {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhralice");
    RealUsers.ensure("hhrbob");
  }

  @Test
  void otherUsersActiveClaimsStopAReboot() throws Exception {
    try (DaemonFixture hh = new DaemonFixture("[notify]\nenabled = []\n").start()) {
      Result free = hh.as("hhrbob", "reboot-check");
      assertEquals(0, free.exit(), free.toString());

      assertEquals(
          0, hh.as("hhralice", "claim", "gpu:0", "--for", "1h", "-m", "training run").exit());
      assertEquals(
          0,
          hh.as("hhralice", "claim", "gpu:1", "--in", "2h", "--for", "1h", "-m", "planned").exit());
      Result bob = hh.as("hhrbob", "reboot-check");
      assertEquals(1, bob.exit(), bob.toString());
      assertTrue(
          bob.out().contains("hhralice")
              && bob.out().contains("training run")
              && !bob.out().contains("planned"),
          bob.out());
      assertTrue(bob.err().contains("1 active claim of other users"), bob.err());

      assertEquals(
          0, hh.as("hhralice", "reboot-check").exit(), "one's own claims do not stop one's reboot");
      Result sudo =
          DaemonFixture.exec(
              List.of(
                  "env",
                  "SUDO_USER=hhralice",
                  DaemonFixture.BIN.toString(),
                  "--socket",
                  hh.socket.toString(),
                  "reboot-check"),
              null);
      assertEquals(0, sudo.exit(), "root through sudo acts for $SUDO_USER: " + sudo);
      Result root =
          DaemonFixture.exec(
              List.of(
                  DaemonFixture.BIN.toString(), "--socket", hh.socket.toString(), "reboot-check"),
              null);
      assertEquals(1, root.exit(), root.toString());
    }
  }
}
