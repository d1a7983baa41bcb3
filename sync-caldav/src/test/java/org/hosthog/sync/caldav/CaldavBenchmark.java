package org.hosthog.sync.caldav;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.core.Hosthog;

/**
 * Not a test: what a sync costs on the wire against a real Radicale calendar of N events, counted
 * by a pass-through proxy (requests, request and answer body bytes). Run with {@code
 * bench/caldav-benchmark.sh [N]}.
 */
public final class CaldavBenchmark {
  private CaldavBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = Files.createTempDirectory("hh-caldav-bench");
    try (Radicale radicale = Radicale.start(dir.resolve("radicale"));
        FaultyProxy proxy = new FaultyProxy(radicale.root());
        Hosthog host =
            Hosthog.builder()
                .host("gpu-box")
                .gpus(4)
                .stateDir(dir.resolve("host"))
                .scheduler(false)
                .build()) {
      long t0 = System.nanoTime();
      var calendar = seed(radicale, n);
      System.out.printf(
          "seeded %,d events in %.1f s (one PUT of a whole VCALENDAR)%n",
          n, (System.nanoTime() - t0) / 1e9);
      String url = proxy.root().resolve(calendar.getPath()).toString();
      System.out.printf(
          "%-44s %9s %12s %14s %9s%n",
          "sync of a calendar with " + n + " events",
          "requests",
          "bytes sent",
          "bytes received",
          "ms");
      CalendarSync[] opened = new CalendarSync[1];
      measure(
          "first full sync (no state; starts on open)",
          proxy,
          () -> {
            opened[0] =
                CaldavContractTest.open(
                    "gpu-box",
                    host.reservations(),
                    dir.resolve("sync"),
                    url,
                    "timeout = \"600s\"\n");
            while (opened[0].status().lastSuccess().isEmpty()
                && opened[0].status().problems().isEmpty()) {
              sleep(20);
            }
            return opened[0].status();
          });
      CalendarSync sync = opened[0];
      measure("nothing changed", proxy, sync::syncNow);
      host.reservations()
          .claim(
              Actor.of("alice"),
              new ClaimRequest(
                  java.util.List.of(Claim.of(Resource.parse("gpu:0"))),
                  Instant.now().plus(Duration.ofHours(1)),
                  Instant.now().plus(Duration.ofHours(2)),
                  "bench",
                  false));
      measure("one claim on the host", proxy, sync::syncNow);
      Instant s = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(5));
      radicale.send(
          "PUT",
          calendar.resolve(UUID.randomUUID() + ".ics"),
          RadicaleCalendar.ics(
              UUID.randomUUID().toString(),
              "gpu:1 one change in the calendar",
              s,
              s.plusSeconds(3600),
              "alice@example.org"),
          Map.of("If-None-Match", "*"));
      measure("one event created in the calendar", proxy, sync::syncNow);
      measure("nothing changed", proxy, sync::syncNow);
      Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2));
      for (int i = 0; i < 100; i++) { // alice's own series never conflict with each other
        Instant start = from.plus(Duration.ofHours(i));
        host.reservations()
            .claimSeries(
                Actor.of("alice"),
                new org.hosthog.api.SeriesRequest(
                    new ClaimRequest(
                        java.util.List.of(Claim.of(Resource.parse("gpu:" + (i % 4)))),
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        "series " + i,
                        false),
                    "week",
                    java.util.OptionalInt.of(10),
                    java.util.Optional.empty(),
                    false));
      }
      measure("100 series of 10 claimed on the host", proxy, sync::syncNow);
      measure("next sync (learns the token of its own writes)", proxy, sync::syncNow);
      measure("nothing changed (100 series held)", proxy, sync::syncNow);
      sync.close();
    }
  }

  /**
   * One collection holding {@code n} events of other hosts and of the past, created with one PUT.
   */
  private static java.net.URI seed(Radicale radicale, int n) throws Exception {
    java.net.URI cal = radicale.root().resolve(Radicale.USER + "/big/");
    StringBuilder b =
        new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hosthog//bench//EN\r\n");
    Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(365));
    for (int i = 0; i < n; i++) {
      Instant start = base.plus(Duration.ofHours(i % 17_000));
      String one =
          RadicaleCalendar.ics(
              "bench-" + i,
              "[host-" + (i % 50) + "] user" + (i % 30) + ": gpu:" + (i % 4) + " — run " + i,
              start,
              start.plusSeconds(3600),
              "user" + (i % 30) + "@example.org");
      b.append(one, one.indexOf("BEGIN:VEVENT"), one.indexOf("END:VCALENDAR"));
    }
    b.append("END:VCALENDAR\r\n");
    var r = radicale.send("PUT", cal, b.toString(), Map.of(), Duration.ofMinutes(30));
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("seeding answered " + r.statusCode() + ": " + r.body());
    }
    return cal;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void measure(
      String what, FaultyProxy proxy, java.util.function.Supplier<SyncStatus> sync) {
    int r0 = proxy.requests();
    long in0 = proxy.bytesFromClient();
    long out0 = proxy.bytesToClient();
    long t0 = System.nanoTime();
    SyncStatus s = sync.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf(
        "%-44s %9d %12d %14d %9d%n",
        what,
        proxy.requests() - r0,
        proxy.bytesFromClient() - in0,
        proxy.bytesToClient() - out0,
        ms);
    if (s.lastSuccess().isEmpty() || s.pending() != 0) {
      System.out.println("  (status: " + s + ")");
    }
  }
}
