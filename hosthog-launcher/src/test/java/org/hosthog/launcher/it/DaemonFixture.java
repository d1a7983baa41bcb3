package org.hosthog.launcher.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hosthog.core.socket.SocketFiles;

/**
 * A real daemon started from the built distribution ({@code target/hosthog/bin/hosthog}) on a
 * temporary config, and commands run as real users through {@code runuser}.
 */
final class DaemonFixture implements AutoCloseable {
  /**
   * A world-readable copy of the built distribution and test classes: the checkout may live where
   * the test users cannot read (e.g. under /root in CI).
   */
  static final Path COPY = copyForAllUsers();

  static final Path BIN = COPY.resolve("hosthog/bin/hosthog");
  static final Path TEST_CLASSES = COPY.resolve("test-classes");

  private static Path copyForAllUsers() {
    try {
      Path copy = Files.createTempDirectory(Path.of("/tmp"), "hh-dist-");
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
      int rc =
          new ProcessBuilder("cp", "-r", "target/hosthog", "target/test-classes", copy.toString())
              .inheritIO()
              .start()
              .waitFor();
      if (rc != 0
          || new ProcessBuilder("chmod", "-R", "a+rX", copy.toString()).start().waitFor() != 0) {
        throw new IllegalStateException("cannot copy the distribution to " + copy);
      }
      return copy;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  final Path dir;
  final Path socket;
  final Path config;
  private Process daemon;

  /** The command's exit code and output. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A daemon whose motd goes to {@code dir/motd} unless {@code extraToml} sets [notify.motd]. */
  DaemonFixture(String extraToml) throws IOException {
    this("", extraToml);
  }

  /**
   * As {@link #DaemonFixture(String)}, with more keys for the [daemon] section (e.g. {@code host =
   * "alpha"}).
   */
  DaemonFixture(String daemonKeys, String extraToml) throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "hh-it-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    socket = dir.resolve("hosthog.sock");
    config = dir.resolve("hosthog.toml");
    String motd =
        extraToml.contains("[notify.motd]")
            ? ""
            : "\n[notify.motd]\npath = \"" + dir.resolve("motd") + "\"\n";
    Files.writeString(
        config,
        "[daemon]\nsocket = \""
            + socket
            + "\"\nstate_dir = \""
            + dir.resolve("state")
            + "\"\n"
            + "admin_groups = [\"hhadmins\"]\n"
            + daemonKeys
            + (extraToml.contains("[resources]")
                ? "\n"
                : "\n[resources]\ngpus = 4\nextra = [\"fpga0\"]\n")
            + extraToml
            + motd);
  }

  Path motd() {
    return dir.resolve("motd");
  }

  DaemonFixture() throws IOException {
    this("");
  }

  /** Starts the daemon and waits until its socket answers. */
  DaemonFixture start() throws IOException, InterruptedException {
    daemon =
        new ProcessBuilder(BIN.toString(), "daemon", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("daemon.log").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!SocketFiles.isServed(socket)) {
      if (!daemon.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("daemon did not start:\n" + log());
      }
      Thread.sleep(50);
    }
    return this;
  }

  Process process() {
    return daemon;
  }

  String log() throws IOException {
    Path log = dir.resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Runs {@code hosthog ARGS} as {@code user} against this daemon. */
  Result as(String user, String... args) throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(
            List.of("runuser", "-u", user, "--", BIN.toString(), "--socket", socket.toString()));
    argv.addAll(List.of(args));
    return exec(argv, null);
  }

  /** Runs {@code hosthog ARGS} as {@code user} with {@code input} on stdin. */
  Result asWithInput(String user, String input, String... args)
      throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(
            List.of("runuser", "-u", user, "--", BIN.toString(), "--socket", socket.toString()));
    argv.addAll(List.of(args));
    return exec(argv, input.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code hosthog ARGS} as {@code user} with extra environment variables ("K=V"). */
  Result asWithEnv(String user, List<String> env, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("runuser", "-u", user, "--", "env"));
    argv.addAll(env);
    argv.addAll(List.of(BIN.toString(), "--socket", socket.toString()));
    argv.addAll(List.of(args));
    return exec(argv, null);
  }

  /**
   * Sends raw bytes as {@code user} and returns what the daemon answered (up to {@code lines}
   * lines).
   */
  String raw(String user, byte[] input, int lines) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes = TEST_CLASSES.toString();
    List<String> argv =
        List.of(
            "runuser",
            "-u",
            user,
            "--",
            java,
            "-cp",
            classes,
            RawClient.class.getName(),
            socket.toString(),
            Integer.toString(lines));
    return exec(argv, input).out();
  }

  static Result exec(List<String> argv, byte[] input) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).start();
    if (input != null) {
      p.getOutputStream().write(input);
    }
    p.getOutputStream().close();
    var out = p.getInputStream();
    var err = p.getErrorStream();
    byte[][] errBytes = new byte[1][];
    Thread errReader =
        new Thread(
            () -> {
              try {
                errBytes[0] = err.readAllBytes();
              } catch (IOException e) {
                errBytes[0] = new byte[0];
              }
            });
    errReader.start();
    byte[] outBytes = out.readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("command hung: " + argv);
    }
    errReader.join();
    return new Result(
        p.exitValue(),
        new String(outBytes, StandardCharsets.UTF_8),
        new String(errBytes[0], StandardCharsets.UTF_8));
  }

  /** Stops the daemon with SIGTERM (SIGKILL after 20 s); returns its exit code. */
  int stop() {
    if (daemon == null) {
      return 0;
    }
    daemon.destroy(); // SIGTERM
    try {
      if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      daemon.destroyForcibly();
    }
    return daemon.exitValue();
  }

  @Override
  public void close() {
    stop();
  }
}
