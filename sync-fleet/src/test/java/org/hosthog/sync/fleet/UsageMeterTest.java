package org.hosthog.sync.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.junit.jupiter.api.Test;

/**
 * The meter through a scripted morning, sampled each minute as the daemon does, against a table
 * worked out by hand:
 *
 * <pre>
 * 08:30-09:00  dora runs on gpu:2, nobody claimed it          dora  used 30, unclaimed 30
 * 09:00-12:00  alice claims gpu:0, runs on it 09:00-10:30      alice used 90, idle 90
 * 10:00-11:00  bob claims gpu:1; bob and carol run on it
 *              10:00-10:20 (shared out), then nothing           bob used 10, idle 40; carol used 10
 * 13:00-13:10  erin claims the whole host exclusively (4 GPUs)  erin idle 40
 * 13:00-14:00  fred shares the whole host: that holds no GPU    nothing
 * </pre>
 *
 * <p>The GPUs work at 50 % (gpu:0), 20 % (gpu:1) and 100 % (gpu:2), so the busy minutes are alice
 * 45, bob 2, carol 2, dora 30.
 */
class UsageMeterTest {
  static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
  static final List<Integer> GPUS = List.of(0, 1, 2, 3);

  static Instant at(int hour, int minute) {
    return DAY.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
  }

  static Reservation claim(String owner, String resources, Instant start, Instant end) {
    return claim(owner, Claim.of(Resource.parse(resources)), start, end);
  }

  static Reservation claim(String owner, Claim claim, Instant start, Instant end) {
    return new Reservation(
        1,
        UUID.randomUUID(),
        "alpha",
        owner,
        List.of(claim),
        start,
        end,
        "",
        start,
        start,
        owner,
        Optional.empty());
  }

  record Run(String user, int gpu, Instant from, Instant to) {}

  static final List<Reservation> CLAIMS =
      List.of(
          claim("alice", "gpu:0", at(9, 0), at(12, 0)),
          claim("bob", "gpu:1", at(10, 0), at(11, 0)),
          claim("erin", new Claim(new Resource.Host(), Mode.EXCLUSIVE), at(13, 0), at(13, 10)),
          claim("fred", "host", at(13, 0), at(14, 0))); // shared: holds no GPU
  static final List<Run> RUNS =
      List.of(
          new Run("dora", 2, at(8, 30), at(9, 0)),
          new Run("alice", 0, at(9, 0), at(10, 30)),
          new Run("bob", 1, at(10, 0), at(10, 20)),
          new Run("carol", 1, at(10, 0), at(10, 20)));

  /** Samples each minute from 08:00 to 14:00; the buckets, closed ones and the open one last. */
  static List<String> morning(UsageMeter meter, Instant from, Instant to) {
    List<String> buckets = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
      Instant now = t;
      List<HostActivity.GpuProcess> procs = new ArrayList<>();
      long pid = 100;
      for (Run r : RUNS) {
        if (!now.isBefore(r.from()) && now.isBefore(r.to())) {
          procs.add(new HostActivity.GpuProcess(r.gpu(), pid++, r.user(), "python train.py", 1024));
        }
      }
      List<Reservation> active =
          CLAIMS.stream().filter(c -> !now.isBefore(c.start()) && now.isBefore(c.end())).toList();
      List<HostActivity.GpuLoad> loads =
          List.of(
              new HostActivity.GpuLoad(0, 50, 1024, 40960),
              new HostActivity.GpuLoad(1, 20, 1024, 40960),
              new HostActivity.GpuLoad(2, 100, 1024, 40960));
      HostActivity activity =
          new HostActivity(
              List.of(new HostActivity.Session("alice", "pts/1", "", DAY, 1)),
              procs,
              List.of(),
              new HostActivity.GpuTelemetry(Optional.of(now), loads, List.of(), ""));
      meter.sample(now, activity, active, GPUS, 2.0).ifPresent(buckets::add);
    }
    return buckets;
  }

  /** Minutes per "user: used idle unclaimed busy" over all buckets. */
  static Map<String, String> totals(List<String> buckets) {
    Map<String, long[]> sums = new TreeMap<>();
    for (String b : buckets) {
      for (JsonElement e : JsonParser.parseString(b).getAsJsonObject().getAsJsonArray("gpus")) {
        JsonObject g = e.getAsJsonObject();
        long[] s = sums.computeIfAbsent(g.get("user").getAsString(), u -> new long[4]);
        s[0] += g.get("used_ms").getAsLong();
        s[1] += g.get("idle_ms").getAsLong();
        s[2] += g.get("unclaimed_ms").getAsLong();
        s[3] += g.get("busy_ms").getAsLong();
      }
    }
    Map<String, String> out = new TreeMap<>();
    sums.forEach(
        (u, s) ->
            out.put(
                u,
                s[0] / 60_000 + " " + s[1] / 60_000 + " " + s[2] / 60_000 + " " + s[3] / 60_000));
    return out;
  }

  @Test
  void aScriptedMorningGivesTheHandWorkedTable() {
    UsageMeter meter = new UsageMeter(Duration.ofMinutes(1));
    List<String> buckets = morning(meter, at(8, 0), at(14, 0));
    meter.open().ifPresent(buckets::add);
    assertEquals(
        Map.of(
            "alice", "90 90 0 45",
            "bob", "10 40 0 2",
            "carol", "10 0 0 2",
            "dora", "30 0 30 30",
            "erin", "0 40 0 0"),
        totals(buckets));
    assertEquals(72, buckets.size(), "six hours of five-minute buckets");
    JsonObject first = JsonParser.parseString(buckets.get(0)).getAsJsonObject();
    assertEquals("2026-11-30T08:00:00Z", first.get("start").getAsString());
    assertEquals(300_000, first.get("sampled_ms").getAsLong());
    assertEquals(2.0, first.get("load").getAsDouble());
    assertEquals("[\"alice\"]", first.getAsJsonArray("sessions").toString());
  }

  @Test
  void aRestartContinuesTheOpenBucketInsteadOfStartingItAgain() {
    UsageMeter before = new UsageMeter(Duration.ofMinutes(1));
    List<String> buckets = morning(before, at(9, 0), at(9, 3));
    assertTrue(buckets.isEmpty());
    String saved = before.open().orElseThrow();

    UsageMeter after = new UsageMeter(Duration.ofMinutes(1));
    after.resume(Optional.of(saved), at(9, 3));
    buckets = morning(after, at(9, 3), at(9, 6));
    assertEquals(1, buckets.size());
    assertEquals(
        Map.of("alice", "5 0 0 2"),
        totals(buckets),
        "all five minutes of 09:00, once (2.5 busy at 50 %)");

    UsageMeter late = new UsageMeter(Duration.ofMinutes(1));
    late.resume(Optional.of(saved), at(9, 7)); // another bucket by now: nothing to continue
    late.resume(Optional.of("{not json"), at(9, 3));
    assertEquals(Optional.empty(), late.open());
  }

  @Test
  void aBucketNeverHoldsMoreThanFiveMinutesHoweverOftenItIsSampled() {
    UsageMeter meter = new UsageMeter(Duration.ofMinutes(2)); // samples that drift close together
    List<String> buckets = new ArrayList<>();
    for (int s = 0; s < 300; s += 30) {
      morning(meter, at(9, 0).plusSeconds(s), at(9, 0).plusSeconds(s + 1)).forEach(buckets::add);
    }
    JsonObject open = JsonParser.parseString(meter.open().orElseThrow()).getAsJsonObject();
    assertEquals(300_000, open.get("sampled_ms").getAsLong());
    assertEquals(
        300_000, open.getAsJsonArray("gpus").get(0).getAsJsonObject().get("used_ms").getAsLong());
  }
}
