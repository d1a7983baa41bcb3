package org.hosthog.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.Resource;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.Settings;
import org.hosthog.api.spi.StoreProvider;
import org.hosthog.config.TomlSettings;
import org.hosthog.core.Hosthog;
import org.hosthog.core.plugin.Plugins;

/**
 * Times claim (conflict check + durable commit) and list (active + upcoming) through the
 * reservation service with N reservations of history stored, for each backend.
 *
 * <p>Usage: {@code StoreBenchmark [backend,...] [N,...] [samples]}; defaults: every backend found,
 * 10000,100000,1000000, 300 samples. Prints medians and p99 in ms, and each size's median as a
 * ratio to the smallest size of the same backend.
 */
public final class StoreBenchmark {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final int GPUS = 8;

  private StoreBenchmark() {}

  record Result(String backend, int size, String op, double medianMs, double p99Ms) {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<String> backends =
        args.length > 0 && !args[0].isBlank()
            ? Arrays.asList(args[0].split(","))
            : new ArrayList<>(Plugins.builtIn().all(StoreProvider.class).keySet());
    int[] sizes =
        Arrays.stream((args.length > 1 ? args[1] : "10000,100000,1000000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int samples = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    out.printf(
        "hosthog store benchmark: %d samples per cell, JDK %s, %d CPUs%n",
        samples, Runtime.version(), Runtime.getRuntime().availableProcessors());
    List<Result> results = new ArrayList<>();
    for (String backend : backends) {
      for (int size : sizes) {
        results.addAll(run(backend, size, samples, out));
      }
    }
    out.println();
    out.printf(
        "%-8s %9s  %-16s %10s %10s %8s%n",
        "backend", "stored", "operation", "median ms", "p99 ms", "ratio");
    for (Result r : results) {
      Result base =
          results.stream()
              .filter(b -> b.backend().equals(r.backend()) && b.op().equals(r.op()))
              .findFirst()
              .orElseThrow();
      out.printf(
          "%-8s %9d  %-16s %10.3f %10.3f %7.2fx%n",
          r.backend(), r.size(), r.op(), r.medianMs(), r.p99Ms(), r.medianMs() / base.medianMs());
    }
  }

  private static List<Result> run(String backend, int size, int samples, PrintStream out)
      throws IOException {
    Path dir = Files.createTempDirectory("hosthog-bench-");
    Settings settings = TomlSettings.empty("(bench)", "store." + backend);
    try (ReservationStore store = Plugins.builtIn().openStore(backend, "bench", dir, settings)) {
      long t0 = System.nanoTime();
      seed(store, size);
      out.printf(
          "%s: seeded %d reservations in %.1f s%n", backend, size, (System.nanoTime() - t0) / 1e9);
      Inventory inventory = new Inventory(64, gpus(), List.of());
      Hosthog hosthog =
          Hosthog.builder()
              .host("bench")
              .store(store)
              .inventory(inventory)
              .adminGroups(Set.of())
              .clock(Clock.fixed(NOW, java.time.ZoneOffset.UTC))
              .scheduler(false)
              .build();
      Reservations service = hosthog.reservations();
      List<Result> results = new ArrayList<>();
      int[] n = {0};
      results.add(
          measure(
              backend,
              size,
              "claim",
              samples,
              () -> {
                int i = n[0]++;
                Instant start = NOW.plus(Duration.ofHours(1 + i));
                ClaimRequest r =
                    new ClaimRequest(
                        List.of(Claim.of(Resource.parse("gpu:" + (i % GPUS)))),
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        "bench",
                        false);
                return service.claim(Actor.of("user" + (i % 97)), r);
              },
              o -> o instanceof Outcome.Granted));
      int[] m = {0};
      results.add(
          measure(
              backend,
              size,
              "claim series x100",
              Math.max(5, samples / 10),
              () -> {
                int i = m[0]++; // each series on a CPU of its own, a day apart: none conflict
                Instant start = NOW.plus(Duration.ofDays(2)).plus(Duration.ofHours(i / 64));
                ClaimRequest first =
                    new ClaimRequest(
                        List.of(Claim.of(Resource.parse("cpu:" + (i % 64)))),
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        "bench series",
                        false);
                return service.claimSeries(
                    Actor.of("user" + (i % 97)),
                    new SeriesRequest(first, "day", OptionalInt.of(100), Optional.empty(), false));
              },
              o -> o instanceof SeriesOutcome.Done d && d.occurrences().size() == 100));
      results.add(
          measure(
              backend,
              size,
              "list current",
              samples,
              () -> service.list(ReservationQuery.current(NOW)),
              l -> !l.isEmpty()));
      Instant past = NOW.minus(Duration.ofHours(size / (2L * GPUS))); // the middle of the history
      results.add(
          measure(
              backend,
              size,
              "list past window",
              samples,
              () ->
                  service.list(ReservationQuery.overlapping(past, past.plus(Duration.ofHours(24)))),
              l -> !l.isEmpty()));
      hosthog.close();
      return results;
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * History back to back on the GPUs (one reservation per GPU-hour, all ended), plus a few current
   * ones.
   */
  private static void seed(ReservationStore store, int size) {
    int batch = 10_000;
    for (int first = 0; first < size; first += batch) {
      int from = first;
      int to = Math.min(size, first + batch);
      store.write(
          tx -> {
            for (int i = from; i < to; i++) {
              boolean current = i >= size - 20;
              Instant start =
                  current
                      ? NOW.minus(Duration.ofMinutes(10))
                      : NOW.minus(Duration.ofHours((size - i) / GPUS + 2));
              Instant end =
                  current ? NOW.plus(Duration.ofMinutes(50)) : start.plus(Duration.ofHours(1));
              tx.insert(
                  new Reservation(
                      Reservation.UNASSIGNED,
                      UUID.randomUUID(),
                      "bench",
                      "user" + (i % 97),
                      List.of(
                          Claim.of(
                              Resource.parse(current ? "cpu:" + (i % 64) : "gpu:" + (i % GPUS)))),
                      start,
                      end,
                      "history " + i,
                      start,
                      start,
                      "user" + (i % 97),
                      Optional.empty()));
            }
            return null;
          });
    }
  }

  private static <T> Result measure(
      String backend,
      int size,
      String op,
      int samples,
      Supplier<T> action,
      java.util.function.Predicate<T> ok) {
    for (int i = 0; i < Math.min(50, samples); i++) { // warm-up
      action.get();
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      T result = action.get();
      nanos[i] = System.nanoTime() - t;
      if (!ok.test(result)) {
        throw new IllegalStateException(op + " gave an unexpected result: " + result);
      }
    }
    Arrays.sort(nanos);
    return new Result(
        backend,
        size,
        op,
        nanos[samples / 2] / 1e6,
        nanos[(int) Math.ceil(samples * 0.99) - 1] / 1e6);
  }

  private static List<Gpu> gpus() {
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < GPUS; i++) {
      gpus.add(new Gpu(i, "bench", "", 0));
    }
    return gpus;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
