package org.hosthog.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;

/**
 * Load on a running daemon: seeds reservations through the socket, then runs concurrent clients and
 * prints request latency percentiles. Each client cycles through status, show (a random existing
 * id) and hello: what users and shells ask all day.
 *
 * <p>Usage: {@code DaemonLoad SOCKET SEED CLIENTS REQUESTS_PER_CLIENT [EXISTING_IDS]}
 */
public final class DaemonLoad {
  private DaemonLoad() {}

  /** Requests before the measured ones: the client's JIT, not the daemon, is slow at first. */
  private static final int WARM_UP = 2000;

  /** One client alone: the median time and the size of a status answer, and of a hello. */
  private static void single(Path socket, PrintStream out) {
    org.hosthog.wire.Codec codec = new org.hosthog.wire.Codec();
    try (HosthogClient c = HosthogClient.connect(List.of(socket), Duration.ofSeconds(30))) {
      for (Request<?> request : List.of(new Request.Status(), new Request.Hello())) {
        String line = codec.encode(request);
        long[] nanos = new long[WARM_UP + 2000];
        int bytes = 0;
        for (int i = 0; i < nanos.length; i++) {
          long t = System.nanoTime();
          bytes = c.send(line).length();
          nanos[i] = System.nanoTime() - t;
        }
        out.printf(
            "%s alone (one client, median of %d after %d warm-up): %.2f ms/request, %d bytes%n",
            request.op(),
            nanos.length - WARM_UP,
            WARM_UP,
            Arrays.stream(nanos, WARM_UP, nanos.length)
                    .sorted()
                    .toArray()[(nanos.length - WARM_UP) / 2]
                / 1e6,
            bytes);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path socket = Path.of(args[0]);
    int seed = Integer.parseInt(args[1]);
    int known = args.length > 4 ? Integer.parseInt(args[4]) : seed; // ids that exist, for "show"
    int clients = Integer.parseInt(args[2]);
    int requests = Integer.parseInt(args[3]);
    long t0 = System.nanoTime();
    try (HosthogClient c = HosthogClient.connect(List.of(socket), Duration.ofSeconds(30))) {
      for (int i = 0; i < seed; i++) {
        Response<?> resp =
            c.call(
                new Request.Claim(
                    List.of("gpu:" + (i % 4)),
                    Optional.empty(),
                    Optional.of("+" + (i / 4 + 1) + "h"),
                    Optional.empty(),
                    Optional.of("30m"),
                    Optional.empty(),
                    "seed " + i,
                    false));
        if (!(resp instanceof Response.Ok)) {
          throw new IllegalStateException(resp.toString());
        }
      }
    }
    out.printf(
        "seeded %d claims through the socket in %.1f s%n", seed, (System.nanoTime() - t0) / 1e9);
    single(socket, out);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      futures.add(
          pool.submit(
              () -> {
                long[] nanos = new long[requests];
                try (HosthogClient c =
                    HosthogClient.connect(List.of(socket), Duration.ofSeconds(30))) {
                  go.await();
                  java.util.Random random = new java.util.Random();
                  for (int i = 0; i < requests; i++) {
                    Request<?> request =
                        switch (i % 3) {
                          case 0 -> new Request.Status();
                          case 1 -> new Request.Show(1 + random.nextInt(Math.max(1, known)));
                          default -> new Request.Hello();
                        };
                    long t = System.nanoTime();
                    Response<?> resp = c.call(request);
                    nanos[i] = System.nanoTime() - t;
                    if (!(resp instanceof Response.Ok)) {
                      throw new IllegalStateException(resp.toString());
                    }
                  }
                }
                return nanos;
              }));
    }
    long start = System.nanoTime();
    go.countDown();
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      Arrays.stream(f.get()).forEach(all::add);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    out.printf(
        "%d clients x %d requests (status/show/hello): %.0f req/s, median %.2f ms, p99 %.2f ms, max %.2f ms%n",
        clients,
        requests,
        sorted.length / seconds,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}
