package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  static Path dir;
  static int port;
  static Process sshd;
  static DaemonFixture hh;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "needs openssh-server (.ci/run installs it)");
    RealUsers.ensure("hhmotd");
    RealUsers.ensure("hhmalice");
    dir = Files.createTempDirectory(Path.of("/tmp"), "hh-sshd-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("hostkey").toString());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id").toString(), "-C", "hosthog-test");
    Path home = Path.of(run("getent", "passwd", "hhmotd").out().split(":")[5]);
    run("install", "-d", "-m", "700", "-o", "hhmotd", "-g", "hhmotd", home.resolve(".ssh").toString());
    run("install", "-m", "600", "-o", "hhmotd", "-g", "hhmotd", dir.resolve("id.pub").toString(), home.resolve(".ssh/authorized_keys").toString());
    Files.deleteIfExists(home.resolve(".hushlogin"));
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("hostkey"), "PidFile " + dir.resolve("sshd.pid"),
        "UsePAM yes", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin no",
        "PrintMotd no", "PrintLastLog no", "AllowUsers hhmotd", ""));
    run("install", "-d", "-m", "755", "/run/sshd");
    sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", dir.resolve("sshd_config").toString(), "-E", dir.resolve("sshd.log").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
    for (int i = 0; !listening(); i++) {
      if (i > 100 || !sshd.isAlive()) {
        throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.out")));
      }
      Thread.sleep(50);
    }
    hh = new DaemonFixture("[notify]\nenabled = [\"motd\"]\n[notify.motd]\npath = \"" + MOTD + "\"\n").start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hh != null) {
      hh.close();
    }
    if (sshd != null) {
      sshd.destroy();
      sshd.waitFor();
    }
    Files.deleteIfExists(MOTD);
  }

  private static boolean listening() {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return s.isConnected();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static Result run(String... argv) throws Exception {
    Result r = DaemonFixture.exec(List.of(argv), null);
    if (r.exit() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + r);
    }
    return r;
  }

  /** Logs in as hhmotd through a pseudo-terminal and returns what the session printed. */
  private static String login() throws Exception {
    List<String> ssh = List.of("ssh", "-tt", "-p", Integer.toString(port), "-i", dir.resolve("id").toString(), "-o", "IdentitiesOnly=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
        "hhmotd@127.0.0.1");
    Result r = DaemonFixture.exec(ssh, "exit\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(0, r.exit(), r.toString() + "\nsshd log:\n" + Files.readString(dir.resolve("sshd.log")));
    return r.out();
  }

  @Test
  void theNextLoginShowsTheCurrentClaims() throws Exception {
    Result claim = hh.as("hhmalice", "claim", "gpu:2-3", "--for", "3h", "-m", "motd login check");
    assertEquals(0, claim.exit(), claim.toString());
    String session = login();
    assertTrue(session.contains("hosthog: who uses"), session);
    assertTrue(session.contains("gpu:2-3  hhmalice  exclusive") && session.contains("\"motd login check\" [new]"), session);
    assertTrue(session.contains("Free now: gpu:0 gpu:1 cpu fpga0"), session);

    assertEquals(0, hh.as("hhmalice", "release", claim.out().strip()).exit());
    String after = login();
    assertTrue(!after.contains("motd login check") && after.contains("nothing is claimed"), after);
  }

  @Test
  void hosthogMotdPrintsTheSameSchedule() throws Exception {
    Result claim = hh.as("hhmalice", "claim", "fpga0", "--for", "1h", "-m", "same text");
    Result motd = hh.as("hhmotd", "motd");
    assertEquals(0, motd.exit(), motd.toString());
    assertTrue(motd.out().contains("fpga0  hhmalice  exclusive") && motd.out().contains("\"same text\""), motd.out());
    assertTrue(Files.readString(MOTD).contains("\"same text\""), Files.readString(MOTD));
    hh.as("hhmalice", "release", claim.out().strip());
  }
}
