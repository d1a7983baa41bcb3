package org.hosthog.launcher.it;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;

/**
 * A real sshd with PAM on a free loopback port, with its own config, host key and a client key the
 * given users accept. Started through a link named after {@code pamService}, so it uses {@code
 * /etc/pam.d/<pamService>} (OpenSSH names its PAM service after the program).
 */
final class Sshd implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;

  private Sshd(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  static Sshd start(String pamService, List<String> extraConfig, String... users) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "hh-sshd-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("hostkey").toString());
    run(
        "ssh-keygen",
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-f",
        dir.resolve("id").toString(),
        "-C",
        "hosthog-test");
    for (String user : users) {
      Path home = Path.of(run("getent", "passwd", user).out().split(":")[5]);
      run("install", "-d", "-m", "700", "-o", user, "-g", user, home.resolve(".ssh").toString());
      run(
          "install",
          "-m",
          "600",
          "-o",
          user,
          "-g",
          user,
          dir.resolve("id.pub").toString(),
          home.resolve(".ssh/authorized_keys").toString());
      Files.deleteIfExists(home.resolve(".hushlogin"));
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Files.writeString(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("hostkey"),
            "PidFile " + dir.resolve("sshd.pid"),
            "UsePAM yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin no",
            "PrintMotd no",
            "PrintLastLog no",
            "AllowUsers " + String.join(" ", users),
            String.join("\n", extraConfig),
            ""));
    run("install", "-d", "-m", "755", "/run/sshd");
    Path program = dir.resolve(pamService);
    Files.createSymbolicLink(program, Path.of("/usr/sbin/sshd"));
    Process p =
        new ProcessBuilder(
                program.toString(),
                "-D",
                "-f",
                dir.resolve("sshd_config").toString(),
                "-E",
                dir.resolve("sshd.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.out").toFile())
            .start();
    Sshd sshd = new Sshd(dir, port, p);
    for (int i = 0; !sshd.listening(); i++) {
      if (i > 100 || !p.isAlive()) {
        throw new IllegalStateException(
            "sshd did not start: " + Files.readString(dir.resolve("sshd.out")));
      }
      Thread.sleep(50);
    }
    return sshd;
  }

  private boolean listening() {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return s.isConnected();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * Logs in as {@code user} through a pseudo-terminal, types {@code exit}; returns what happened (a
   * banner on stderr).
   */
  Result login(String user) throws Exception {
    List<String> ssh =
        List.of(
            "ssh",
            "-tt",
            "-p",
            Integer.toString(port),
            "-i",
            dir.resolve("id").toString(),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=INFO",
            user + "@127.0.0.1");
    return DaemonFixture.exec(ssh, "exit\n".getBytes(StandardCharsets.UTF_8));
  }

  String log() throws Exception {
    return Files.readString(dir.resolve("sshd.log"));
  }

  static Result run(String... argv) throws Exception {
    Result r = DaemonFixture.exec(List.of(argv), null);
    if (r.exit() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + r);
    }
    return r;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
