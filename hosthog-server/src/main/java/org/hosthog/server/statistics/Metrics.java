package org.hosthog.server.statistics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.hosthog.api.HostActivity;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.database.UsageStore;
import org.hosthog.wire.Codec;
import org.hosthog.wire.link.GpuLoads;

/**
 * {@code GET /metrics} in Prometheus' text format: the fleet as the database holds it (read once
 * per scrape, so every instance on the same database says the same), and this instance's HTTP
 * requests.
 *
 * <p>Per-host series carry a {@code host} label. GPUs <em>used</em>, <em>idle claimed</em> and
 * <em>unclaimed</em> are those of the host's latest usage bucket of the last ten minutes (a host
 * that stopped sampling drops out rather than repeating old numbers). Per-GPU utilisation and
 * memory are those of each online host's last push that had them.
 */
public final class Metrics {
  private static final Duration FRESH_USAGE = Duration.ofMinutes(10);
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  private final FleetDb db;
  private final Clock clock;
  private final Codec codec = new Codec();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;
  private FleetNow fleet; // of the scrape in progress; guarded by this

  /** What one scrape reads from the database. */
  private record FleetNow(
      Map<String, Double> lagSeconds,
      Map<String, int[]> reservations, // active, planned
      Map<String, Integer> gpusClaimed,
      List<UsageStore.Latest> usage,
      Map<String, Double> load,
      Map<String, List<HostActivity.GpuLoad>> gpuLoads,
      int online) {}

  public Metrics(FleetDb db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.requests =
        Counter.builder()
            .name("hosthog_http_requests_total")
            .help("HTTP requests this server instance answered, by route and status")
            .labelNames("route", "status")
            .register(registry);
    this.latency =
        Histogram.builder()
            .name("hosthog_http_request_duration_seconds")
            .help("Time to answer an HTTP request (to open it, for event streams), by route")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    gauge(
        "hosthog_hosts_online",
        "Hosts in contact within the last 2 minutes",
        List.of(),
        cb -> cb.call(fleet.online()));
    gauge(
        "hosthog_host_last_contact_seconds",
        "Seconds since the host last pushed (push lag)",
        List.of("host"),
        cb -> fleet.lagSeconds().forEach((h, s) -> cb.call(s, h)));
    gauge(
        "hosthog_reservations",
        "Reservations not yet over, by host and state",
        List.of("host", "state"),
        cb ->
            fleet
                .reservations()
                .forEach(
                    (h, n) -> {
                      cb.call(n[0], h, "active");
                      cb.call(n[1], h, "planned");
                    }));
    gauge(
        "hosthog_gpus_claimed",
        "GPUs held by an active reservation",
        List.of("host"),
        cb -> fleet.gpusClaimed().forEach((h, n) -> cb.call(n, h)));
    gauge(
        "hosthog_gpus_used",
        "GPUs a process ran on in the host's latest usage sample",
        List.of("host"),
        cb -> fleet.usage().forEach(u -> cb.call(u.gpusUsed(), u.host())));
    gauge(
        "hosthog_gpus_idle_claimed",
        "Claimed GPUs with no process in the latest sample",
        List.of("host"),
        cb -> fleet.usage().forEach(u -> cb.call(u.gpusIdle(), u.host())));
    gauge(
        "hosthog_gpus_unclaimed_use",
        "GPUs with a process nobody claimed, latest sample",
        List.of("host"),
        cb -> fleet.usage().forEach(u -> cb.call(u.gpusUnclaimed(), u.host())));
    gauge(
        "hosthog_host_load",
        "The host's mean one-minute load average, latest sample",
        List.of("host"),
        cb -> fleet.load().forEach((h, l) -> cb.call(l, h)));
    gpuGauge(
        "hosthog_gpu_utilization_percent",
        "Each GPU's utilisation at its host's last sample",
        HostActivity.GpuLoad::utilizationPercent);
    gpuGauge(
        "hosthog_gpu_memory_used_mib",
        "Each GPU's memory in use at its host's last sample, in MiB",
        HostActivity.GpuLoad::memoryUsedMib);
    gpuGauge(
        "hosthog_gpu_memory_total_mib",
        "Each GPU's memory, in MiB",
        HostActivity.GpuLoad::memoryTotalMib);
  }

  /** A per-GPU gauge ({@code host}, {@code gpu}) of one figure of the hosts' GPU loads. */
  private void gpuGauge(
      String name, String help, java.util.function.ToLongFunction<HostActivity.GpuLoad> figure) {
    gauge(
        name,
        help,
        List.of("host", "gpu"),
        cb ->
            fleet
                .gpuLoads()
                .forEach(
                    (h, loads) ->
                        loads.forEach(
                            l -> cb.call(figure.applyAsLong(l), h, Integer.toString(l.gpu())))));
  }

  private void gauge(
      String name, String help, List<String> labels, Consumer<GaugeWithCallback.Callback> cb) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labels.toArray(String[]::new))
        .callback(cb)
        .register(registry);
  }

  /** Counts one answered request. */
  public void observe(String route, int status, long nanos) {
    requests.labelValues(route, Integer.toString(status)).inc();
    latency.labelValues(route).observe(nanos / 1e9);
  }

  /** The text a scrape gets. */
  public synchronized String scrape() {
    fleet = readFleet(clock.instant());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      WRITER.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static String contentType() {
    return WRITER.getContentType();
  }

  private FleetNow readFleet(Instant now) {
    Map<String, Double> lag = new java.util.TreeMap<>();
    Map<String, List<Integer>> gpus = new HashMap<>();
    Map<String, List<HostActivity.GpuLoad>> gpuLoads = new java.util.TreeMap<>();
    int online = 0;
    for (Hosts.HostRow h : db.hosts().all()) {
      if (h.revoked().isPresent()) {
        continue;
      }
      Optional<Instant> seen = h.lastSeen();
      seen.ifPresent(t -> lag.put(h.name(), Duration.between(t, now).toMillis() / 1000.0));
      if (seen.map(t -> t.isAfter(now.minus(Hosts.OFFLINE_AFTER))).orElse(false)) {
        online++;
        h.gpuLoads().ifPresent(l -> gpuLoads.put(h.name(), GpuLoads.parse(l))); // never stale
      }
      h.inventory()
          .ifPresent(
              inv ->
                  gpus.put(
                      h.name(),
                      codec.decodeInventory(inv).gpus().stream()
                          .map(org.hosthog.api.Gpu::index)
                          .toList()));
    }
    Map<String, int[]> reservations = new java.util.TreeMap<>();
    Map<String, java.util.Set<Integer>> claimed = new java.util.TreeMap<>();
    lag.keySet().forEach(h -> reservations.put(h, new int[2]));
    lag.keySet().forEach(h -> claimed.put(h, new java.util.HashSet<>()));
    for (ReplicaRows.Stored r :
        db.replica()
            .reservations(
                new ReplicaRows.Filter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(now),
                    Optional.empty(),
                    false))) {
      boolean active = !r.start().isAfter(now);
      reservations.computeIfAbsent(r.host(), h -> new int[2])[active ? 0 : 1]++;
      if (active) {
        var claims = r.claims();
        for (int g : gpus.getOrDefault(r.host(), List.of())) {
          if (claims.stream().anyMatch(c -> c.holdsGpu(g))) {
            claimed.computeIfAbsent(r.host(), h -> new java.util.HashSet<>()).add(g);
          }
        }
      }
    }
    Map<String, Integer> gpusClaimed = new java.util.TreeMap<>();
    claimed.forEach((h, s) -> gpusClaimed.put(h, s.size()));
    Instant since = now.minus(FRESH_USAGE);
    return new FleetNow(
        lag,
        reservations,
        gpusClaimed,
        db.usage().latest(since),
        db.usage().latestLoad(since),
        gpuLoads,
        online);
  }
}
