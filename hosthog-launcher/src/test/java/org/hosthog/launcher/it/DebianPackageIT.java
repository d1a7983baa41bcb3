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
    return deb("hosthog");
  }

  private static Path deb(String name) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches(name + "_.*_all\\.deb"))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no target/" + name + "_*_all.deb: the package phase builds it"))
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

  @Test
  void theServerPackageInstallsBesideTheHostsAndServesAsItsOwnUser() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "needs dpkg");
    boolean lintian = Files.isExecutable(Path.of("/usr/bin/lintian"));
    assumeTrue(
        lintian || System.getenv("HOSTHOG_REQUIRE_PEERS") == null,
        "needs lintian (.ci/run installs it)");
    assumeTrue(!installed(), "hosthog is installed on this machine already: not touching it");
    RealUsers.ensure("hhdeb");
    Path server = deb("hosthog-server");
    if (lintian) {
      Result l = run("runuser", "-u", "hhdeb", "--", "lintian", server.toString());
      assertEquals(0, l.exit(), "lintian findings:\n" + l);
      assertTrue(l.out().isBlank(), "lintian findings:\n" + l.out());
    }
    Path unit = Path.of("/lib/systemd/system/hosthog-server.service");
    Process p = null;
    try {
      Result alone = run("dpkg", "-i", server.toString());
      assertEquals(1, alone.exit(), "needs the hosthog package: " + alone);
      run("dpkg", "-r", "hosthog-server");
      ok("dpkg", "-i", deb().toString(), server.toString());
      assertEquals(0, run("id", "hosthog-server").exit(), "postinst creates the service's user");
      assertEquals("hosthog-server", Files.getOwner(Path.of("/var/lib/hosthog-server")).getName());
      assertTrue(Files.exists(Path.of("/etc/hosthog/server.toml")));
      assertTrue(Files.exists(Path.of("/usr/share/hosthog/plugins/sync-fleet")));
      if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
        Result verify = run("systemd-analyze", "verify", unit.toString());
        assertFalse(
            (verify.out() + verify.err()).contains("hosthog-server.service"),
            "systemd-analyze verify: " + verify);
      }
      Result asRoot = run("/usr/bin/hosthog", "server", "hosts");
      assertEquals(1, asRoot.exit(), asRoot.toString());
      assertTrue(asRoot.err().contains("sudo -u hosthog-server"), asRoot.toString());
      Result enroll =
          ok("runuser", "-u", "hosthog-server", "--", "hosthog", "server", "enroll", "gpu-box");
      assertTrue(enroll.out().strip().matches("[A-Za-z0-9_-]{43}"), enroll.toString());
      Result hosts = ok("runuser", "-u", "hosthog-server", "--", "hosthog", "server", "hosts");
      assertTrue(
          hosts.out().contains("gpu-box") && hosts.out().contains("not seen with its token yet"),
          hosts.out());

      p =
          new ProcessBuilder(
                  "runuser",
                  "-u",
                  "hosthog-server",
                  "--",
                  "/usr/bin/hosthog",
                  "server",
                  "--config",
                  "/etc/hosthog/server.toml")
              .redirectErrorStream(true)
              .redirectOutput(Files.createTempFile("hosthog-deb-server", ".log").toFile())
              .start();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.URI hostsUri = java.net.URI.create("http://127.0.0.1:8470/api/v1/hosts");
      Process server0 = p;
      waitFor(
          () -> {
            if (!server0.isAlive()) {
              return true;
            }
            try {
              return http.send(
                          java.net.http.HttpRequest.newBuilder(hostsUri).build(),
                          java.net.http.HttpResponse.BodyHandlers.discarding())
                      .statusCode()
                  == 401;
            } catch (java.io.IOException e) {
              return false;
            }
          },
          "the server answers on its default address");
      assertTrue(p.isAlive(), "the server runs as hosthog-server on the packaged config");
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));

      ok("dpkg", "-P", "hosthog-server");
      for (String f :
          List.of("/var/lib/hosthog-server", "/etc/hosthog/server.toml", unit.toString())) {
        assertFalse(Files.exists(Path.of(f)), f + " is gone after purge");
      }
      assertTrue(Files.exists(Path.of("/usr/bin/hosthog")), "the host package stays");
      ok("dpkg", "-P", "hosthog");
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly().waitFor();
      }
      run("dpkg", "-P", "hosthog-server");
      if (installed() || run("dpkg-query", "-W", "hosthog").exit() == 0) {
        run("dpkg", "-P", "hosthog");
      }
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
