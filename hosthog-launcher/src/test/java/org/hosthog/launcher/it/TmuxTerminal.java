package org.hosthog.launcher.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real terminal session of a real user, registered in utmp: a tmux pane started as that user
 * (Debian's tmux registers panes through libutempter), with its raw output captured to a file.
 */
final class TmuxTerminal implements AutoCloseable {
  private static int counter;

  private final String user;
  private final String server;
  private final Path raw;
  final String tty;

  /** Starts a pane running {@code command} (a shell line) as {@code user}. */
  TmuxTerminal(String user, String command) throws Exception {
    ensureUtmp();
    this.user = user;
    synchronized (TmuxTerminal.class) {
      this.server = "hhit" + ProcessHandle.current().pid() + "x" + counter++;
    }
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "hh-tty-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    raw = dir.resolve("raw");
    tmux("new-session", "-d", "-s", "t", "-x", "200", "-y", "50", command);
    tty = tmux("display", "-p", "-t", "t", "#{pane_tty}").out().strip();
    String line = tty.replaceFirst("^/dev/", "");
    for (int i = 0; !registered(line); i++) {
      if (i > 100) {
        throw new IllegalStateException("no utmp entry for " + tty);
      }
      Thread.sleep(100);
    }
    Files.createFile(raw);
    Files.setPosixFilePermissions(raw, PosixFilePermissions.fromString("rw-rw-rw-"));
    tmux("pipe-pane", "-t", "t", "-o", "cat >> " + raw);
    Thread.sleep(200);
  }

  /**
   * Creates /run/utmp if the system has none (containers without systemd): wall reaches nobody
   * then.
   */
  static synchronized void ensureUtmp() throws Exception {
    if (!Files.exists(Path.of("/run/utmp"))) {
      DaemonFixture.exec(
          List.of("install", "-m", "664", "-o", "root", "-g", "utmp", "/dev/null", "/run/utmp"),
          null);
    }
  }

  private static boolean registered(String line) throws Exception {
    String dump = DaemonFixture.exec(List.of("utmpdump", "/run/utmp"), null).out();
    return dump.lines().anyMatch(l -> l.startsWith("[7]") && l.contains("[" + line + " "));
  }

  private DaemonFixture.Result tmux(String... args) throws IOException, InterruptedException {
    List<String> argv =
        new java.util.ArrayList<>(List.of("runuser", "-u", user, "--", "tmux", "-L", server));
    argv.addAll(List.of(args));
    DaemonFixture.Result r = DaemonFixture.exec(argv, null);
    if (r.exit() != 0) {
      throw new IllegalStateException("tmux " + String.join(" ", args) + ": " + r);
    }
    return r;
  }

  /** Types keys into the pane (tmux key names such as Tab, Enter, Up, C-c). */
  void send(String... keys) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("send-keys", "-t", "t"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** What the pane shows now, as text. */
  String screen() throws Exception {
    return tmux("capture-pane", "-p", "-t", "t").out();
  }

  /** Waits up to {@code seconds} for the screen to show {@code text}; returns the screen. */
  String awaitScreen(String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String screen = screen();
    while (!screen.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      screen = screen();
    }
    return screen;
  }

  /** Every byte the terminal received so far. */
  String raw() throws IOException {
    return Files.readString(raw);
  }

  /** Waits up to {@code seconds} for {@code text} to arrive; returns what arrived. */
  String await(String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (raw().replaceAll("\\s+", " ").contains(text)) {
        break;
      }
      Thread.sleep(100);
    }
    return raw();
  }

  @Override
  public void close() {
    try {
      DaemonFixture.exec(
          List.of("runuser", "-u", user, "--", "tmux", "-L", server, "kill-server"), null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
