package org.hosthog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hosthog.wire.Granted;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;

/**
 * What a terminal sees of claims (not a test; {@code bench/wall-burst.sh} sets up the daemon and a
 * real terminal whose bytes land in a file).
 *
 * <p>{@code WallBurst latency SOCKET RAW N}: N lone claims, one at a time with a quiet spell
 * between; prints p50/p99 of claim sent → its message in the terminal. {@code WallBurst burst
 * SOCKET RAW N}: N claims as fast as the socket takes them; prints the broadcasts the terminal got
 * and the claims they name or count.
 */
public final class WallBurst {
  private WallBurst() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path socket = Path.of(args[1]);
    Path raw = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    try (HosthogClient c = HosthogClient.connect(List.of(socket), Duration.ofSeconds(30))) {
      if (args[0].equals("latency")) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int offset = text(raw).length();
          long t0 = System.nanoTime();
          long id = claim(c, i);
          while (!flat(text(raw).substring(offset)).contains("hosthog show " + id)) {
            if (System.nanoTime() - t0 > 60_000_000_000L) {
              throw new IllegalStateException("claim " + id + " never reached the terminal");
            }
            Thread.onSpinWait();
          }
          micros.add((System.nanoTime() - t0) / 1_000);
          Thread.sleep(4_100); // a quiet spell: each claim is a lone one
        }
        micros.sort(null);
        out.printf(
            "%d lone claims -> text on another user's terminal: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            n,
            micros.get(n / 2) / 1e3,
            micros.get((int) Math.ceil(n * 0.99) - 1) / 1e3,
            micros.get(n - 1) / 1e3);
      } else {
        int offset = text(raw).length();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          claim(c, i);
        }
        double sent = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (counted(text(raw).substring(offset)) < n && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        double seen = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(5_000); // nothing more should follow
        String got = text(raw).substring(offset);
        out.printf(
            "burst of %d claims (sent in %.1f s): %d broadcasts on the terminal, %d claims named or counted, all seen after %.1f s%n",
            n,
            sent,
            got.split("Broadcast message from hosthog@", -1).length - 1,
            counted(got),
            seen);
      }
    }
  }

  private static long claim(HosthogClient c, int i) {
    Response<Granted> r =
        c.call(
            new Request.Claim(
                List.of("gpu:" + (i % 4)),
                Optional.empty(),
                Optional.of("+" + (i / 4 + 1) + "h"),
                Optional.empty(),
                Optional.of("30m"),
                Optional.empty(),
                "bench " + i,
                false));
    if (r instanceof Response.Ok<Granted> ok) {
      return ok.result().reservation().id();
    }
    throw new IllegalStateException(r.toString());
  }

  /** The claims a terminal's text names one by one or counts in summaries. */
  static int counted(String text) {
    String flat = flat(text);
    int n = 0;
    Matcher single = Pattern.compile(" claimed gpu:").matcher(flat);
    while (single.find()) {
      n++;
    }
    Matcher summary = Pattern.compile(" made (\\d+) claims? ").matcher(flat);
    while (summary.find()) {
      n += Integer.parseInt(summary.group(1));
    }
    return n;
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  private static String text(Path raw) throws IOException {
    return new String(Files.readAllBytes(raw), StandardCharsets.ISO_8859_1);
  }
}
