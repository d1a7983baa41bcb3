package org.hosthog.core.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hosthog.api.Actor;
import org.hosthog.wire.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket server on a real Unix socket, without a daemon: the kernel's identity of the caller,
 * line framing, pipelining, oversized and idle clients. Runs as any user.
 */
class SocketServerTest {
  private Path dir;
  private Path socket;
  private SocketServer server;

  /** Answers each line with the caller and the line, so tests see what the server handed over. */
  private static final SocketServer.Handler ECHO =
      new SocketServer.Handler() {
        @Override
        public String handle(Actor actor, String line) {
          return "{\"user\":\"" + actor.user() + "\",\"line\":" + line.length() + "}";
        }

        @Override
        public String failure(ErrorCode code, String message) {
          return "{\"error\":\"" + code.wire() + "\"}";
        }
      };

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "hh-sock-"); // short: socket paths are limited
    socket = dir.resolve("s");
    SocketServer.Limits limits =
        new SocketServer.Limits(1024, Duration.ofSeconds(2), Duration.ofSeconds(1), 8, 4);
    server = SocketServer.start(SocketFiles.bind(socket), ECHO, limits, new PeerIdentity());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(dir);
  }

  private SocketChannel connect() throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return ch;
  }

  private static void send(SocketChannel ch, String text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Reads until {@code lines} newlines arrived or the server closed. */
  private static String read(SocketChannel ch, int lines) throws IOException {
    StringBuilder s = new StringBuilder();
    ByteBuffer b = ByteBuffer.allocate(4096);
    while (s.chars().filter(c -> c == '\n').count() < lines) {
      b.clear();
      int n = ch.read(b);
      if (n < 0) {
        break;
      }
      s.append(new String(b.array(), 0, n, StandardCharsets.UTF_8));
    }
    return s.toString();
  }

  @Test
  void theCallerIsWhoTheKernelSaysAndPipelinedLinesAreAnsweredInOrder() throws IOException {
    try (SocketChannel ch = connect()) {
      send(ch, "a\nbb\n\nccc\n");
      String me = System.getProperty("user.name");
      assertEquals(
          "{\"user\":\""
              + me
              + "\",\"line\":1}\n{\"user\":\""
              + me
              + "\",\"line\":2}\n"
              + "{\"user\":\""
              + me
              + "\",\"line\":3}\n",
          read(ch, 3));
    }
  }

  @Test
  void anOversizedLineIsAnsweredThenTheConnectionClosedAndOthersAreServed() throws IOException {
    try (SocketChannel ch = connect()) {
      send(ch, "x".repeat(5_000) + "\n");
      String answer = read(ch, 2);
      assertEquals("{\"error\":\"too_large\"}\n", answer);
    }
    try (SocketChannel ch = connect()) {
      send(ch, "ok\n");
      assertTrue(read(ch, 1).contains("\"line\":2"));
    }
  }

  @Test
  void aRequestThatNeverEndsIsTimedOut() throws IOException {
    try (SocketChannel ch = connect()) {
      send(ch, "{\"v\":1,\"op\":\"li");
      assertEquals("{\"error\":\"timeout\"}\n", read(ch, 2));
    }
  }

  /**
   * A client that sends requests one at a time (never too many ahead) and never reads the answers,
   * 64 KiB each here: the daemon stops reading it once about 1 MiB of answers wait, so its writes
   * stall in the kernel, and closes it after the idle timeout; everyone else is served meanwhile.
   */
  @Test
  void aClientThatNeverReadsItsAnswersDoesNotGrowTheDaemon() throws Exception {
    String big = "{\"x\":\"" + "a".repeat(64 * 1024) + "\"}";
    Path other = dir.resolve("big");
    SocketServer bigAnswers =
        SocketServer.start(
            SocketFiles.bind(other),
            new SocketServer.Handler() {
              @Override
              public String handle(Actor actor, String line) {
                return big;
              }

              @Override
              public String failure(ErrorCode code, String message) {
                return "{\"error\":\"" + code.wire() + "\"}";
              }
            },
            new SocketServer.Limits(1024, Duration.ofSeconds(2), Duration.ofSeconds(2), 8, 32),
            new PeerIdentity());
    try (SocketChannel hog = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      hog.connect(UnixDomainSocketAddress.of(other));
      hog.configureBlocking(false);
      byte[] request = ("r".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8);
      int sent = 0;
      long stalledSince = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        ByteBuffer one = ByteBuffer.wrap(request);
        if (hog.write(one) == request.length) {
          sent++;
          stalledSince = 0;
        } else if (stalledSince == 0) {
          stalledSince = System.nanoTime(); // (a part written stays unfinished: the daemon waits)
        } else if (System.nanoTime() - stalledSince > Duration.ofMillis(500).toNanos()) {
          break; // the daemon stopped reading us
        }
        Thread.sleep(1); // one at a time: never "too many requests sent ahead"
      }
      assertTrue(stalledSince != 0, "the daemon read all " + sent + " requests in 20 s");
      try (SocketChannel ch = connect()) {
        send(ch, "ok\n");
        assertTrue(read(ch, 1).contains("\"line\":2"), "others are served meanwhile");
      }
      long held = 0;
      StringBuilder partial = new StringBuilder();
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      boolean closed = false;
      deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      Thread.sleep(3_000); // past the idle timeout of a client that reads nothing
      while (!closed && System.nanoTime() < deadline) {
        b.clear();
        int n;
        try {
          n = hog.read(b);
        } catch (IOException reset) {
          n = -1;
        }
        if (n < 0) {
          closed = true;
        } else {
          partial.append(new String(b.array(), 0, n, StandardCharsets.UTF_8));
          for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
            held++;
            partial.delete(0, nl + 1);
          }
          Thread.sleep(n == 0 ? 10 : 0);
        }
      }
      assertTrue(closed, "a client that does not read is closed after the idle timeout");
      assertTrue(
          held <= 20, held + " answers of 64 KiB (of " + sent + " requests) held for one client");
    } finally {
      bigAnswers.close();
      Files.deleteIfExists(other);
    }
  }

  @Test
  void tooManyConnectionsAreAnsweredBusy() throws IOException {
    SocketChannel[] open = new SocketChannel[8];
    try {
      for (int i = 0; i < open.length; i++) {
        open[i] = connect();
        send(open[i], "hi\n");
        read(open[i], 1); // served, so surely counted
      }
      try (SocketChannel ninth = connect()) {
        assertEquals("{\"error\":\"busy\"}\n", read(ninth, 2));
      }
    } finally {
      for (SocketChannel ch : open) {
        if (ch != null) {
          ch.close();
        }
      }
    }
  }

  @Test
  void aSecondServerOnALiveSocketIsRefused() {
    org.hosthog.api.HosthogException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.hosthog.api.HosthogException.class, () -> SocketFiles.bind(socket));
    assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
  }

  /**
   * Requests that wait on remote servers get two threads and a queue of 16 of their own: while they
   * hang, the host's own requests are answered at once, and one more remote request is told "busy"
   * at once rather than queued without end.
   */
  @Test
  void requestsWaitingOnRemoteServersNeverDelayTheHostsOwn() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    SocketServer.Handler slow =
        new SocketServer.Handler() {
          @Override
          public String handle(Actor actor, String line) {
            if (line.startsWith("remote")) {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return "{\"done\":\"" + line + "\"}";
          }

          @Override
          public String failure(ErrorCode code, String message) {
            return "{\"error\":\"" + code.wire() + "\"}";
          }

          @Override
          public Job prepare(Actor actor, String line) {
            return new Job(line.startsWith("remote"), () -> handle(actor, line));
          }
        };
    Path other = dir.resolve("r");
    SocketServer.Limits limits =
        new SocketServer.Limits(1024, Duration.ofSeconds(30), Duration.ofSeconds(30), 64, 4);
    SocketServer remoteServer =
        SocketServer.start(SocketFiles.bind(other), slow, limits, new PeerIdentity());
    java.util.List<SocketChannel> hanging = new java.util.ArrayList<>();
    Thread failSafe = // if the host's own request waited behind them, it fails instead of hanging
        new Thread(
            () -> {
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                return;
              }
              release.countDown();
            });
    failSafe.setDaemon(true);
    failSafe.start();
    try {
      for (int i = 0; i < SocketServer.REMOTE_THREADS + SocketServer.REMOTE_QUEUE; i++) {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(other));
        send(ch, "remote-" + i + "\n");
        hanging.add(ch);
      }
      Thread.sleep(300); // let them all reach the pool
      try (SocketChannel busy = SocketChannel.open(StandardProtocolFamily.UNIX);
          SocketChannel local = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        busy.connect(UnixDomainSocketAddress.of(other));
        send(busy, "remote-one-too-many\n");
        assertEquals("{\"error\":\"busy\"}\n", read(busy, 1));
        local.connect(UnixDomainSocketAddress.of(other));
        long started = System.nanoTime();
        send(local, "status\n");
        assertEquals("{\"done\":\"status\"}\n", read(local, 1));
        assertTrue(
            Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
            "answered while every remote thread hangs");
      }
      release.countDown();
      assertEquals("{\"done\":\"remote-0\"}\n", read(hanging.get(0), 1));
    } finally {
      release.countDown();
      failSafe.interrupt();
      for (SocketChannel ch : hanging) {
        ch.close();
      }
      remoteServer.close();
      Files.deleteIfExists(other);
    }
  }
}
