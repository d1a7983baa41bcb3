package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The login guard at a real ssh login: sshd with a PAM service that has the two lines the README
 * gives admins. While a user holds the whole host exclusively, another user's login is refused; the
 * owner gets in; after the release everyone gets in again.
 */
class LoginGuardIT {
  private static final String PAM_SERVICE = "hosthog-guard-sshd";
  private static final Path PAM_FILE = Path.of("/etc/pam.d", PAM_SERVICE);
  private static Sshd sshd;
  private static DaemonFixture hh;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/sshd")),
        "needs openssh-server (.ci/run installs it)");
    RealUsers.ensure("hhgowner");
    RealUsers.ensure("hhgother");
    hh =
        new DaemonFixture(
                "[notify]\nenabled = [\"login-guard\"]\n[notify.login-guard]\n"
                    + "access_file = \"/tmp/hh-guard-test.access\"\nmessage_file = \"/tmp/hh-guard-test.nologin\"\n")
            .start();
    // Debian's /etc/pam.d/sshd with the guard's two lines (README, "Login guard") before
    // common-account
    Files.writeString(
        PAM_FILE,
        String.join(
            "\n",
            "@include common-auth",
            "account [success=1 default=ignore] pam_access.so accessfile=/tmp/hh-guard-test.access",
            "account requisite pam_nologin.so file=/tmp/hh-guard-test.nologin",
            "@include common-account",
            "@include common-session",
            ""));
    // and the sshd_config line that shows the reason to everyone who connects while it holds
    sshd =
        Sshd.start(
            PAM_SERVICE, List.of("Banner /tmp/hh-guard-test.nologin"), "hhgowner", "hhgother");
  }

  @AfterAll
  static void stop() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
    if (hh != null) {
      hh.close();
    }
    Files.deleteIfExists(PAM_FILE);
  }

  @Test
  void duringAnExclusiveWholeHostClaimOnlyItsOwnerLogsIn() throws Exception {
    assertEquals(0, sshd.login("hhgother").exit(), "no claim: everyone logs in\n" + sshd.log());

    Result claim =
        hh.as("hhgowner", "claim", "host", "--exclusive", "--for", "1h", "-m", "kernel update");
    assertEquals(0, claim.exit(), claim.toString());
    Result refused = sshd.login("hhgother");
    assertNotEquals(0, refused.exit(), "another user's login must be held off: " + refused);
    assertTrue(
        refused.err().contains("reserved EXCLUSIVELY by hhgowner until")
            && refused.err().contains("hosthog show"),
        "the refused user is told who holds the host and until when: " + refused);
    assertEquals(0, sshd.login("hhgowner").exit(), "the owner gets in\n" + sshd.log());

    assertEquals(0, hh.as("hhgowner", "release", claim.out().strip()).exit());
    Result after = sshd.login("hhgother");
    assertEquals(0, after.exit(), "released: everyone logs in again\n" + sshd.log());
    assertTrue(
        !after.err().contains("EXCLUSIVELY"), "no banner once the claim is released: " + after);
  }
}
