package org.hosthog.sync.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservation;
import org.hosthog.wire.link.UsageBucket;

/**
 * Turns each look at the host into usage time, in five-minute buckets: per GPU and user, how long a
 * process ran (<em>used</em>), how long a claim had no process on the GPU (<em>idle</em>), and how
 * long a process ran on a GPU nobody claimed (<em>unclaimed</em>, a part of used). A sample stands
 * for the time until the next one; a GPU several users run on (or hold) is shared out evenly.
 *
 * <p>The open bucket is shown as JSON at every sample: pushing it early is harmless, since the
 * server replaces a bucket with the same start. Not thread-safe: one sampler thread uses it.
 */
final class UsageMeter {
  static final Duration BUCKET = Duration.ofMinutes(5);

  private final Duration every;
  private Instant start;
  private long sampledMs;
  private double loadSum;
  private int samples;
  private final Set<String> sessions = new TreeSet<>();
  // "gpu/user" -> used, idle, unclaimed, busy
  private final Map<String, long[]> rows = new TreeMap<>();

  UsageMeter(Duration every) {
    this.every = every;
  }

  /**
   * Continues {@code saved} (the open bucket a daemon left when it stopped) if it is the bucket of
   * {@code now}, so a restart does not replace the first minutes of it with nothing.
   */
  void resume(Optional<String> saved, Instant now) {
    saved.ifPresent(
        json -> {
          try {
            UsageBucket b = UsageBucket.parse(json);
            if (!b.start().equals(bucketOf(now))) {
              return;
            }
            start = b.start();
            sampledMs = b.sampled().toMillis();
            samples = b.samples();
            loadSum = b.load() * samples;
            sessions.addAll(b.sessions());
            b.gpus()
                .forEach(
                    t ->
                        rows.put(
                            t.gpu() + "/" + t.user(),
                            new long[] {t.usedMs(), t.idleMs(), t.unclaimedMs(), t.busyMs()}));
          } catch (RuntimeException e) {
            start = null; // a damaged file: start afresh
            rows.clear();
            sessions.clear();
          }
        });
  }

  static Instant bucketOf(Instant t) {
    long ms = BUCKET.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
  }

  /**
   * Counts one look at the host at {@code now}: {@code active} are the reservations of that moment,
   * {@code gpus} the host's GPU indices, {@code load} its one-minute load average.
   *
   * @return the bucket that ended before {@code now}, if this sample began a new one
   */
  Optional<String> sample(
      Instant now,
      HostActivity activity,
      List<Reservation> active,
      List<Integer> gpus,
      double load) {
    Optional<String> closed = Optional.empty();
    Instant bucket = bucketOf(now);
    if (start != null && !start.equals(bucket)) {
      closed = Optional.of(json());
      rows.clear();
      sessions.clear();
      sampledMs = 0;
      loadSum = 0;
      samples = 0;
    }
    start = bucket;
    long ms = Math.min(every.toMillis(), BUCKET.toMillis() - sampledMs);
    sampledMs += ms;
    samples++;
    loadSum += load;
    activity.sessions().forEach(s -> sessions.add(s.user()));
    for (int gpu : gpus) {
      Set<String> users = new TreeSet<>();
      activity.gpuProcesses().stream()
          .filter(p -> p.gpu() == gpu)
          .forEach(p -> users.add(p.user()));
      Set<String> holders = new TreeSet<>();
      active.stream().filter(r -> r.holdsGpu(gpu)).forEach(r -> holders.add(r.owner()));
      if (!users.isEmpty()) {
        int percent =
            activity.gpus().load(gpu).map(HostActivity.GpuLoad::utilizationPercent).orElse(0);
        for (String u : users) {
          long[] t = row(gpu, u);
          t[0] += ms / users.size();
          t[3] += ms / users.size() * percent / 100;
          if (holders.isEmpty()) {
            t[2] += ms / users.size();
          }
        }
      } else {
        for (String h : holders) {
          row(gpu, h)[1] += ms / holders.size();
        }
      }
    }
    return closed;
  }

  private long[] row(int gpu, String user) {
    return rows.computeIfAbsent(gpu + "/" + user, k -> new long[4]);
  }

  /** The open bucket as the server takes it; empty before the first sample. */
  Optional<String> open() {
    return start == null ? Optional.empty() : Optional.of(json());
  }

  private String json() {
    List<UsageBucket.GpuTime> gpus = new ArrayList<>();
    rows.forEach(
        (key, t) -> {
          int slash = key.indexOf('/');
          gpus.add(
              new UsageBucket.GpuTime(
                  Integer.parseInt(key.substring(0, slash)),
                  key.substring(slash + 1),
                  t[0],
                  t[1],
                  t[2],
                  t[3]));
        });
    double load = samples == 0 ? 0 : Math.round(loadSum / samples * 100) / 100.0;
    return new UsageBucket(start, Duration.ofMillis(sampledMs), samples, load, sessions, gpus)
        .json();
  }
}
