package org.hosthog.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A soak of random and mutated frames against a live daemon (not a test): FRAMES frames from
 * CLIENTS connections, each a line of random bytes, a valid request with bytes flipped, cut,
 * repeated or spliced, a request with wrong types, deep nesting, or a line near the size limit.
 * Every 10% it checks that a well-formed {@code hello} is still answered and samples the daemon's
 * RSS; at the end it prints the answers by kind, the RSS start/peak/end and the hello latency. A
 * blank line gets no answer (the daemon skips it, as line protocols do), so none is awaited.
 *
 * <p>Usage: {@code ProtocolFuzz SOCKET DAEMON_PID FRAMES CLIENTS [SEED]}
 */
public final class ProtocolFuzz {
  private static final List<String> VALID =
      List.of(
          "{\"v\":1,\"op\":\"hello\"}",
          "{\"v\":1,\"op\":\"list\",\"args\":{\"all\":true,\"user\":\"nobody\"}}",
          "{\"v\":1,\"op\":\"page\",\"args\":{\"query\":{\"all\":false},\"limit\":5}}",
          "{\"v\":1,\"op\":\"show\",\"args\":{\"id\":1}}",
          "{\"v\":1,\"op\":\"status\"}",
          "{\"v\":1,\"op\":\"resources\"}",
          "{\"v\":1,\"op\":\"limits\"}",
          "{\"v\":1,\"op\":\"waiting\"}",
          // refused after parsing (no such GPU): a soak of the protocol, not of a growing store
          "{\"v\":1,\"op\":\"claim\",\"args\":{\"resources\":[\"gpu:9\"],\"for\":\"5m\","
              + "\"in\":\"300d\",\"message\":\"fuzz\"}}",
          "{\"v\":1,\"op\":\"extend\",\"args\":{\"id\":1,\"by\":\"1m\"}}",
          "{\"v\":1,\"op\":\"edit\",\"args\":{\"id\":2,\"message\":\"fuzzed\"}}",
          "{\"v\":1,\"op\":\"release\",\"args\":{\"id\":3}}",
          "{\"v\":1,\"op\":\"cli\",\"args\":{\"argv\":[\"list\"],\"columns\":80}}",
          "{\"v\":1,\"op\":\"cli\",\"args\":{\"argv\":[\"status\"]}}",
          "{\"v\":1,\"op\":\"cli\",\"args\":{\"argv\":[\"show\",\"1\",\"--json\"]}}");

  /** The daemon's line limit is 64 KiB: near it, and over it (which closes the connection). */
  private static final int NEAR_LIMIT = 60 * 1024;

  private ProtocolFuzz() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path socket = Path.of(args[0]);
    long pid = Long.parseLong(args[1]);
    int frames = Integer.parseInt(args[2]);
    int clients = Integer.parseInt(args[3]);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
    Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    AtomicLong sent = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long rssStart = rssKib(pid);
    long[] rssPeak = {rssStart};
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new java.util.ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Random random = new Random(seed + c);
      running.add(
          pool.submit(
              () -> {
                Connection conn = null;
                while (sent.incrementAndGet() <= frames) {
                  byte[] frame = frame(random);
                  if (new String(frame, StandardCharsets.UTF_8).strip().isEmpty()) {
                    frame = new byte[] {' '}; // a blank line is skipped unanswered: send one anyway
                    kinds.computeIfAbsent("blank, unanswered", k -> new LongAdder()).increment();
                    try {
                      if (conn == null) {
                        conn = new Connection(socket);
                      }
                      conn.send(frame);
                    } catch (IOException e) {
                      conn = Connection.close(conn);
                    }
                    done.incrementAndGet();
                    continue;
                  }
                  try {
                    if (conn == null) {
                      conn = new Connection(socket);
                    }
                    String answer = conn.exchange(frame);
                    kinds.computeIfAbsent(kind(answer), k -> new LongAdder()).increment();
                  } catch (IOException e) {
                    kinds.computeIfAbsent("connection closed", k -> new LongAdder()).increment();
                    conn = Connection.close(conn);
                  }
                  long n = done.incrementAndGet();
                  if (n % Math.max(1, frames / 10) == 0) {
                    synchronized (rssPeak) {
                      rssPeak[0] = Math.max(rssPeak[0], rssKib(pid));
                    }
                    out.printf(
                        "%,d frames, daemon RSS %.1f MiB, hello answered in %.2f ms%n",
                        n, rssKib(pid) / 1024.0, helloMillis(socket));
                  }
                }
                Connection.close(conn);
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(
        "%,d frames from %d connections in %.1f s (%.0f/s)%n",
        frames, clients, seconds, frames / seconds);
    new TreeMap<>(kinds).forEach((k, v) -> out.printf("  %-24s %,d%n", k, v.sum()));
    Thread.sleep(5000);
    out.printf(
        "daemon RSS: %.1f MiB before, %.1f MiB peak, %.1f MiB 5 s after; hello after: %.2f ms%n",
        rssStart / 1024.0, rssPeak[0] / 1024.0, rssKib(pid) / 1024.0, helloMillis(socket));
  }

  /** One frame: what kind is picked at random, most of them mutations of valid requests. */
  static byte[] frame(Random r) {
    byte[] valid = VALID.get(r.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8);
    return switch (r.nextInt(10)) {
      case 0 -> randomBytes(r, 1 + r.nextInt(200));
      case 1, 2 -> flip(r, valid);
      case 3 -> java.util.Arrays.copyOf(valid, r.nextInt(valid.length));
      case 4 ->
          splice(r, valid, VALID.get(r.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8));
      case 5 -> wrongTypes(r, valid);
      case 6 -> nested(r.nextInt(3) == 0 ? 100_000 : 1 + r.nextInt(200));
      case 7 -> longString(r.nextInt(20) == 0 ? 70 * 1024 : r.nextInt(NEAR_LIMIT));
      default -> valid;
    };
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return noNewlines(b);
  }

  private static byte[] flip(Random r, byte[] valid) {
    byte[] b = valid.clone();
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
    }
    return noNewlines(b);
  }

  private static byte[] splice(Random r, byte[] a, byte[] b) {
    int i = r.nextInt(a.length);
    int j = r.nextInt(b.length);
    byte[] s = new byte[i + b.length - j];
    System.arraycopy(a, 0, s, 0, i);
    System.arraycopy(b, j, s, i, b.length - j);
    return s;
  }

  private static byte[] wrongTypes(Random r, byte[] valid) {
    String[] values = {"null", "[]", "{}", "-1", "1e308", "\"\"", "true", "\"\\u0000\"", "[[[]]]"};
    String s = new String(valid, StandardCharsets.UTF_8);
    return s.replaceAll(":(\"[^\"]*\"|\\d+|true|false)", ":" + values[r.nextInt(values.length)])
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] nested(int depth) {
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] longString(int n) {
    return ("{\"v\":1,\"op\":\"claim\",\"args\":{\"resources\":[\"gpu:9\"],\"for\":\"5m\","
            + "\"message\":\""
            + "x".repeat(n)
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] noNewlines(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        b[i] = ' ';
      }
    }
    return b;
  }

  /** An answer's kind: "ok", or its error code. */
  private static String kind(String answer) {
    if (answer.startsWith("{\"v\":1,\"ok\":true")) {
      return "ok";
    }
    int at = answer.indexOf("\"code\":\"");
    if (at < 0) {
      return "not an answer: " + answer.substring(0, Math.min(40, answer.length()));
    }
    return answer.substring(at + 8, answer.indexOf('"', at + 8));
  }

  private static double helloMillis(Path socket) {
    long t = System.nanoTime();
    try (Connection c = new Connection(socket)) {
      String answer = c.exchange("{\"v\":1,\"op\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
      if (!answer.contains("\"ok\":true")) {
        throw new IllegalStateException("hello refused: " + answer);
      }
    } catch (IOException e) {
      throw new IllegalStateException("the daemon no longer answers hello: " + e, e);
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the daemon (pid " + pid + ") is gone", e);
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  /** One connection: a frame out, an answer line back (30 s at most). */
  private static final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Connection(Path socket) throws IOException {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    }

    void send(byte[] frame) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(frame.length + 1).put(frame).put((byte) '\n').flip();
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    String exchange(byte[] frame) throws IOException {
      send(frame);
      while (true) {
        byte[] got = pending.toByteArray();
        for (int i = 0; i < got.length; i++) {
          if (got[i] == '\n') {
            pending.reset();
            pending.write(got, i + 1, got.length - i - 1);
            return new String(got, 0, i, StandardCharsets.UTF_8);
          }
        }
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
          throw new IOException("closed");
        }
        pending.write(buffer.array(), 0, n);
      }
    }

    static Connection close(Connection c) {
      if (c != null) {
        c.close();
      }
      return null;
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }
}
