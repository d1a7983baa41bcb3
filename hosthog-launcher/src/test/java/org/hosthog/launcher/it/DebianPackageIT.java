package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hosthog.core.socket.SocketFiles;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.Test;

/**
 * The Debian package on this machine: lintian, {@code dpkg -i}, the daemon started the way the
 * systemd unit starts it (CI has no systemd: its Environment, ExecStartPre and ExecStart lines), a
 * real user's claim through /usr/bin/hosthog and the socket, the motd file, then remove and purge
 * leaving nothing behind but what Debian keeps on remove (the conffiles).
 */
class DebianPackageIT {
  private static final Path UNIT = Path.of("/lib/systemd/system/hosthog.service");
  private static final Path SOCKET = Path.of("/run/hosthog/hosthog.sock");
  private static final Path MOTD = Path.of("/run/motd.d/hosthog");

  private static Path deb() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("hosthog_.*_all\\.deb"))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no target/hosthog_*_all.deb: the package phase builds it"))
          .toAbsolutePath();
    }
  }

  private static Result run(String... argv) throws Exception {
    return DaemonFixture.exec(List.of(argv), null);
  }

  private static Result ok(String... argv) throws Exception {
    Result r = run(argv);
    assertEquals(0, r.exit(), String.join(" ", argv) + ": " + r);
    return r;
  }

  private static boolean installed() throws Exception {
    return run("dpkg-query", "-W", "-f=${Status}", "hosthog").out().contains("ok installed");
  }

  @Test
  void installsRunsForEveryUserAndPurgesCleanly() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "needs dpkg");
    boolean lintian = Files.isExecutable(Path.of("/usr/bin/lintian"));
    assumeTrue(
        lintian || System.getenv("HOSTHOG_REQUIRE_PEERS") == null,
        "needs lintian (.ci/run installs it)");
    assumeTrue(!installed(), "hosthog is installed on this machine already: not touching it");
    RealUsers.ensure("hhdeb");
    Path deb = deb();
    if (lintian) {
      Result l =
          run(
              "runuser",
              "-u",
              "hhdeb",
              "--",
              "lintian",
              deb.toString()); // lintian refuses to like root
      assertEquals(0, l.exit(), "lintian findings:\n" + l);
      assertTrue(l.out().isBlank(), "lintian findings:\n" + l.out());
    }
    Process daemon = null;
    try {
      ok("dpkg", "-i", deb.toString());
      assertTrue(
          run("getent", "group", "hosthog-admin").exit() == 0, "postinst creates the admin group");
      for (String f :
          List.of(
              "/usr/share/man/man1/hosthog.1.gz",
              "/usr/share/bash-completion/completions/hosthog",
              "/etc/hosthog/hosthog.toml",
              "/usr/share/doc/hosthog/copyright",
              "/etc/molly-guard/run.d/30-hosthog",
              "/var/cache/hosthog/cli.jsa",
              "/usr/share/hosthog/plugins/sync-caldav",
              "/usr/share/hosthog/plugins/store-mapdb")) {
        assertTrue(Files.exists(Path.of(f)), f + " is installed");
      }
      if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
        Result verify = run("systemd-analyze", "verify", UNIT.toString());
        assertFalse(
            (verify.out() + verify.err()).contains("hosthog.service"),
            "systemd-analyze verify: " + verify);
      }

      daemon = startLikeTheUnit();
      Result claim =
          ok(
              "runuser",
              "-u",
              "hhdeb",
              "--",
              "/usr/bin/hosthog",
              "claim",
              "--for",
              "1h",
              "-m",
              "from the installed package");
      assertTrue(claim.out().strip().matches("\\d+"), claim.toString());
      Result plugins = ok("runuser", "-u", "hhdeb", "--", "hosthog", "plugins");
      assertTrue(
          plugins.out().matches("(?s).*store\\s+mapdb\\s+no.*")
              && plugins.out().matches("(?s).*sync\\s+caldav\\s+no.*"),
          "the packaged plugin folders load by default, ready to be named in the config: "
              + plugins.out());
      Result list = ok("runuser", "-u", "hhdeb", "--", "hosthog", "list");
      assertTrue(list.out().contains("from the installed package"), list.out());
      waitFor(
          () -> Files.exists(MOTD) && Files.readString(MOTD).contains("from the installed package"),
          "the motd shows the claim");
      assertEquals(
          0,
          ok("runuser", "-u", "hhdeb", "--", "hosthog", "reboot-check").exit(),
          "own claims do not block");
      assertEquals(
          1, run("/usr/bin/hosthog", "reboot-check").exit(), "root's reboot would cut off hhdeb");

      daemon.destroy();
      assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
      assertEquals(0, daemon.exitValue());

      ok("dpkg", "-r", "hosthog");
      assertFalse(
          Files.exists(Path.of("/usr/bin/hosthog")) || Files.exists(Path.of("/usr/share/hosthog")),
          "remove takes the program");
      assertTrue(Files.exists(Path.of("/etc/hosthog/hosthog.toml")), "remove keeps conffiles");
      ok("dpkg", "-P", "hosthog");
      for (String f :
          List.of(
              "/etc/hosthog",
              "/var/lib/hosthog",
              "/var/cache/hosthog",
              "/etc/molly-guard/run.d/30-hosthog")) {
        assertFalse(Files.exists(Path.of(f)), f + " is gone after purge");
      }
    } finally {
      if (daemon != null && daemon.isAlive()) {
        daemon.destroyForcibly().waitFor();
      }
      if (installed() || run("dpkg-query", "-W", "hosthog").exit() == 0) {
        run("dpkg", "-P", "hosthog");
      }
      Files.deleteIfExists(MOTD);
    }
  }

  /**
   * Runs the unit's ExecStartPre and ExecStart lines with its Environment, as systemd would (minus
   * the sandbox).
   */
  private static Process startLikeTheUnit() throws Exception {
    Map<String, String> env = new HashMap<>();
    List<String> pre = new ArrayList<>();
    String start = null;
    for (String line : Files.readAllLines(UNIT)) {
      if (line.startsWith("Environment=")) {
        String assignment = line.substring("Environment=".length()).replaceAll("^\"|\"$", "");
        env.put(
            assignment.substring(0, assignment.indexOf('=')),
            assignment.substring(assignment.indexOf('=') + 1));
      } else if (line.startsWith("ExecStartPre=")) {
        pre.add(line.substring("ExecStartPre=".length()).replaceFirst("^[+\\-!@]+", ""));
      } else if (line.startsWith("ExecStart=")) {
        start = line.substring("ExecStart=".length());
      }
    }
    Files.createDirectories(Path.of("/run/hosthog")); // RuntimeDirectory=hosthog
    Files.createDirectories(Path.of("/var/lib/hosthog")); // StateDirectory=hosthog
    for (String cmd : pre) {
      ok(cmd.split(" "));
    }
    ProcessBuilder pb =
        new ProcessBuilder(start.split(" "))
            .redirectErrorStream(true)
            .redirectOutput(Files.createTempFile("hosthog-deb-daemon", ".log").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    waitFor(() -> SocketFiles.isServed(SOCKET) || !p.isAlive(), "the daemon serves " + SOCKET);
    assertTrue(p.isAlive(), "the daemon started");
    return p;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
