package org.hosthog.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.core.config.Locations;
import org.hosthog.launcher.cli.ExitCode;
import org.hosthog.wire.CliOutput;

/**
 * {@code hosthog}'s entry point: hands the command line to the daemon, which runs it for the caller
 * (identified by the socket, as always) and answers with what it printed. The JVM then loads little
 * more than a socket, so {@code hosthog list} starts about as fast as {@code java Hello}; the
 * daemon already has the command line model warm.
 *
 * <p>Whatever the daemon does not run — the shell, {@code run}, {@code daemon}, help, a {@code
 * --config} to read, an older daemon, no daemon at all — goes to {@link Main} in this process,
 * which prints the same, or the usual error and exit code. {@code HOSTHOG_QUICK=0} always does.
 */
public final class ThinClient {
  /** How long the daemon may take to run a command line, as for any request. */
  private static final long TIMEOUT_MILLIS = 30_000;

  private ThinClient() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    int code = run(args, env, System.out, System.err);
    // hosthog-cds archives the classes of one run: let that run take both paths
    if (code == HAND_OVER || env.containsKey("HOSTHOG_CDS_DUMP")) {
      Main.main(args);
    } else {
      System.exit(code);
    }
  }

  /** What {@link #run} returns when this process must run the command line itself. */
  static final int HAND_OVER = -1;

  /**
   * Runs {@code args} in the daemon and prints what it printed; returns its exit code, or {@link
   * #HAND_OVER}.
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if ("0".equals(env.get("HOSTHOG_QUICK"))) {
      return HAND_OVER;
    }
    Optional<String> socket = Optional.empty();
    int first = 0;
    while (first + 1 < args.length && args[first].equals("--socket")) {
      socket = Optional.of(args[first + 1]);
      first += 2;
    }
    List<String> argv = Arrays.asList(args).subList(first, args.length);
    if (!ThinFrames.runsInDaemon(argv)) {
      return HAND_OVER;
    }
    List<Path> sockets;
    try {
      sockets = sockets(socket, env);
    } catch (InvalidPathException e) {
      return HAND_OVER; // the full command line says what is wrong with the path
    }
    if (sockets.isEmpty()) {
      return HAND_OVER;
    }
    SocketChannel channel = connect(sockets);
    if (channel == null) {
      return HAND_OVER; // no daemon: the full command line says so, with how to start one
    }
    String line = ThinFrames.request(argv, ThinFrames.columns(env));
    String answer;
    try (channel) {
      answer = exchange(channel, line);
    } catch (IOException e) {
      // the daemon may have run it: running it again could claim twice
      print("hosthog: the daemon stopped answering (" + e.getMessage() + ")\n", err);
      return ExitCode.UNREACHABLE;
    }
    Optional<CliOutput> printed;
    try {
      printed = ThinFrames.answer(answer);
    } catch (IllegalArgumentException e) {
      print(
          "hosthog: the daemon's answer is not one this client understands ("
              + e.getMessage()
              + "); is the daemon the same version as this client?\n",
          err);
      return ExitCode.REFUSED;
    }
    if (printed.isEmpty()) {
      return HAND_OVER; // refused unrun: an older daemon, or a command line it does not run
    }
    print(printed.get().out(), out);
    print(printed.get().err(), err);
    return printed.get().exit();
  }

  /** As UTF-8 whatever the locale, as the full command line's writers do. */
  private static void print(String text, PrintStream stream) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    stream.write(bytes, 0, bytes.length);
    stream.flush();
  }

  /** Where to look for the daemon: as the full command line does, unless a config file says. */
  private static List<Path> sockets(Optional<String> socket, Map<String, String> env) {
    if (socket.isPresent()) {
      return List.of(Path.of(socket.get()));
    }
    String fromEnv = env.get("HOSTHOG_SOCKET");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return List.of(Path.of(fromEnv));
    }
    String config = env.get("HOSTHOG_CONFIG");
    if (config != null && !config.isBlank()) {
      return List.of(); // the socket is in a TOML file: the full command line reads it
    }
    Path user = Locations.userSocket(env, Path.of(System.getProperty("user.home")));
    return user.equals(Locations.SYSTEM_SOCKET)
        ? List.of(user)
        : List.of(Locations.SYSTEM_SOCKET, user);
  }

  private static SocketChannel connect(List<Path> sockets) {
    for (Path p : sockets) {
      try {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          ch.connect(UnixDomainSocketAddress.of(p));
          return ch;
        } catch (IOException | RuntimeException e) {
          ch.close();
        }
      } catch (IOException e) {
        // try the next one
      }
    }
    return null;
  }

  /** Sends {@code line}; returns the answer line. Gives up after {@link #TIMEOUT_MILLIS}. */
  private static String exchange(SocketChannel channel, String line) throws IOException {
    Thread watchdog = new Thread(new Closer(channel), "hosthog-timeout");
    watchdog.setDaemon(true);
    watchdog.start();
    ByteBuffer request = ByteBuffer.wrap(line.concat("\n").getBytes(StandardCharsets.UTF_8));
    IOException writeFailed = null;
    try {
      while (request.hasRemaining()) {
        channel.write(request);
      }
    } catch (IOException e) {
      writeFailed = e; // refused ("busy") before it read: its answer may still be there to read
    }
    ByteArrayOutputStream received = new ByteArrayOutputStream(8192);
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (true) {
      buffer.clear();
      int n = channel.read(buffer);
      if (n < 0) {
        throw writeFailed != null ? writeFailed : new IOException("connection closed");
      }
      byte[] bytes = buffer.array();
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          received.write(bytes, 0, i);
          watchdog.interrupt();
          return received.toString(StandardCharsets.UTF_8);
        }
      }
      received.write(bytes, 0, n);
    }
  }

  /** Closes the channel when the daemon takes too long, which ends the blocked read. */
  private static final class Closer implements Runnable {
    private final SocketChannel channel;

    Closer(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void run() {
      try {
        Thread.sleep(TIMEOUT_MILLIS);
        channel.close();
      } catch (InterruptedException | IOException e) {
        // answered in time, or closed already
      }
    }
  }
}
