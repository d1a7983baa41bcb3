package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Resource;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.wire.ReservationView;
import org.junit.jupiter.api.Test;

/**
 * Usage statistics over real HTTP on a real database, from a scripted day whose table was worked
 * out by hand. The day is the Monday of the week before last, in Berlin (the server's zone), so a
 * claim from 22:00 to 02:00 crosses a Berlin midnight that is not a UTC one.
 *
 * <pre>
 * alpha (GPUs 0, 1)  alice claims gpu:0 09-13, runs on it 09-11       claimed 4, used 2, idle 2
 *                    bob runs on gpu:1 10:00-11:30, nobody claimed it  used 1.5, unclaimed 1.5
 *                    carol claims gpu:1 12-18, releases at 14          claimed 2, idle 2
 * beta  (GPUs 0, 1)  bob claims gpu:0-1 22-02 (next day), runs on gpu:0 22-01
 *                      day 1: claimed 4, used 2, idle 2 (gpu:1)
 *                      day 2: claimed 4, used 1, idle 2 (gpu:1) + 1 (gpu:0, 01-02)
 * </pre>
 */
abstract class UsageContract extends ApiTestBase {
  static final ZoneId BERLIN = Configs.USAGE.zone();
  final LocalDate day =
      LocalDate.now(BERLIN).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
  final LocalDate next = day.plusDays(1);

  Instant at(LocalDate d, int hour, int minute) {
    return d.atTime(LocalTime.of(hour, minute)).atZone(BERLIN).toInstant();
  }

  // ---- the scripted day -------------------------------------------------------------------------

  /** Five-minute buckets of one host: start -> "gpu/user" -> used, idle, unclaimed, busy (ms). */
  final Map<String, Map<Instant, Map<String, long[]>>> buckets = new TreeMap<>();

  /**
   * Adds {@code [from, to)} of one kind to the buckets: used (at 50 %: half of it busy), idle, or
   * unclaimed (used and busy at 100 %).
   */
  void span(String host, int gpu, String user, Instant from, Instant to, String kind) {
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
      long[] row =
          buckets
              .computeIfAbsent(host, h -> new TreeMap<>())
              .computeIfAbsent(t, s -> new TreeMap<>())
              .computeIfAbsent(gpu + "/" + user, k -> new long[4]);
      long ms = Duration.ofMinutes(5).toMillis();
      switch (kind) {
        case "used" -> {
          row[0] += ms;
          row[3] += ms / 2;
        }
        case "idle" -> row[1] += ms;
        case "unclaimed" -> {
          row[0] += ms;
          row[2] += ms;
          row[3] += ms;
        }
        default -> throw new IllegalArgumentException(kind);
      }
    }
  }

  void script() {
    span("alpha", 0, "alice", at(day, 9, 0), at(day, 11, 0), "used");
    span("alpha", 0, "alice", at(day, 11, 0), at(day, 13, 0), "idle");
    span("alpha", 1, "bob", at(day, 10, 0), at(day, 11, 30), "unclaimed");
    span("alpha", 1, "carol", at(day, 12, 0), at(day, 14, 0), "idle");
    span("beta", 0, "bob", at(day, 22, 0), at(next, 1, 0), "used");
    span("beta", 0, "bob", at(next, 1, 0), at(next, 2, 0), "idle");
    span("beta", 1, "bob", at(day, 22, 0), at(next, 2, 0), "idle");
  }

  static String bucket(Instant start, Map<String, long[]> rows) {
    JsonObject o = new JsonObject();
    o.addProperty("start", start.toString());
    o.addProperty("sampled_ms", 300_000);
    o.addProperty("load", 1.5);
    JsonArray sessions = new JsonArray();
    sessions.add("alice");
    o.add("sessions", sessions);
    JsonArray gpus = new JsonArray();
    rows.forEach(
        (k, t) -> {
          JsonObject g = new JsonObject();
          g.addProperty("gpu", Integer.parseInt(k.split("/")[0]));
          g.addProperty("user", k.split("/")[1]);
          g.addProperty("used_ms", t[0]);
          g.addProperty("idle_ms", t[1]);
          g.addProperty("unclaimed_ms", t[2]);
          g.addProperty("busy_ms", t.length > 3 ? t[3] : 0); // older rows say nothing of it
          gpus.add(g);
        });
    o.add("gpus", gpus);
    return o.toString();
  }

  static String claim(
      String host,
      long id,
      String owner,
      String gpus,
      Instant start,
      Instant end,
      Optional<Instant> released) {
    return CODEC.compact(
        new ReservationView(
            id,
            UUID.nameUUIDFromBytes((host + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            host,
            owner,
            List.of(Claim.of(Resource.parse(gpus))),
            start.atOffset(java.time.ZoneOffset.UTC),
            end.atOffset(java.time.ZoneOffset.UTC),
            "scripted",
            released.isPresent() ? "released" : "ended",
            start.atOffset(java.time.ZoneOffset.UTC),
            start.atOffset(java.time.ZoneOffset.UTC),
            owner,
            released.map(r -> r.atOffset(java.time.ZoneOffset.UTC)),
            Optional.empty()));
  }

  /** A push of {@code reservations} and {@code usage} (JSON texts), with a 2-GPU inventory. */
  static String pushOf(List<String> reservations, List<String> usage) {
    JsonObject o = new JsonObject();
    o.add(
        "inventory",
        JsonParser.parseString(
            "{\"cpus\": 8, \"gpus\": [{\"index\": 0, \"name\": \"A100\", \"uuid\": \"GPU-0\","
                + " \"memory_mib\": 40000}, {\"index\": 1, \"name\": \"A100\", \"uuid\": \"GPU-1\","
                + " \"memory_mib\": 40000}], \"extra\": [], \"claimable\": []}"));
    JsonArray rs = new JsonArray();
    for (String r : reservations) {
      JsonObject item = new JsonObject();
      item.addProperty("version", 1);
      item.add("reservation", JsonParser.parseString(r));
      rs.add(item);
    }
    o.add("reservations", rs);
    JsonArray us = new JsonArray();
    usage.forEach(u -> us.add(JsonParser.parseString(u)));
    o.add("usage", us);
    return o.toString();
  }

  List<String> bucketsOf(String host) {
    List<String> out = new ArrayList<>();
    buckets.get(host).forEach((start, rows) -> out.add(bucket(start, rows)));
    return out;
  }

  void pushScriptedDay() throws Exception {
    if (buckets.isEmpty()) {
      script();
    }
    HttpResponse<String> a =
        asHost(
            alphaToken,
            "POST",
            "api/v1/link/push",
            pushOf(
                List.of(
                    claim(
                        "alpha",
                        1,
                        "alice",
                        "gpu:0",
                        at(day, 9, 0),
                        at(day, 13, 0),
                        Optional.empty()),
                    claim(
                        "alpha",
                        2,
                        "carol",
                        "gpu:1",
                        at(day, 12, 0),
                        at(day, 18, 0),
                        Optional.of(at(day, 14, 0)))),
                bucketsOf("alpha")));
    assertEquals(200, a.statusCode(), a.body());
    JsonObject answer = JsonParser.parseString(a.body()).getAsJsonObject();
    assertEquals(bucketsOf("alpha").size(), answer.getAsJsonArray("usage_stored").size(), a.body());
    HttpResponse<String> b =
        asHost(
            betaToken,
            "POST",
            "api/v1/link/push",
            pushOf(
                List.of(
                    claim(
                        "beta",
                        1,
                        "bob",
                        "gpu:0-1",
                        at(day, 22, 0),
                        at(next, 2, 0),
                        Optional.empty())),
                bucketsOf("beta")));
    assertEquals(200, b.statusCode(), b.body());
  }

  /** The usage rows as "key period: claimed used idle unclaimed". */
  List<String> table(String query) throws Exception {
    HttpResponse<String> r = asHost(betaToken, "GET", "api/v1/usage?" + query, null);
    assertEquals(200, r.statusCode(), r.body());
    List<String> out = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(r.body()).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      String key =
          o.has("user")
              ? o.get("user").getAsString()
              : o.get("host").getAsString() + (o.has("gpu") ? ":" + o.get("gpu").getAsInt() : "");
      out.add(
          key
              + " "
              + o.get("period").getAsString()
              + ": "
              + o.get("claimed_gpu_hours").getAsBigDecimal().stripTrailingZeros().toPlainString()
              + " "
              + o.get("used_gpu_hours").getAsBigDecimal().stripTrailingZeros().toPlainString()
              + " "
              + o.get("idle_claimed_gpu_hours")
                  .getAsBigDecimal()
                  .stripTrailingZeros()
                  .toPlainString()
              + " "
              + o.get("unclaimed_gpu_hours")
                  .getAsBigDecimal()
                  .stripTrailingZeros()
                  .toPlainString());
    }
    return out;
  }

  String range() {
    return "&from=" + day + "&to=" + next;
  }

  // ---- the statistics -----------------------------------------------------------------------

  @Test
  void theScriptedDayGivesTheHandWorkedTablePerUserAndDay() throws Exception {
    pushScriptedDay();
    assertEquals(
        List.of(
            "alice " + day + ": 4 2 2 0",
            "bob " + day + ": 4 3.5 2 1.5",
            "carol " + day + ": 2 0 2 0",
            "bob " + next + ": 4 1 3 0"),
        table("group_by=user&period=day" + range()));
    assertEquals(
        List.of(
            "alice " + day + ": 1",
            "bob " + day + ": 2.5",
            "carol " + day + ": 0",
            "bob " + next + ": 0.5"),
        column("group_by=user&period=day" + range(), "busy_gpu_hours"),
        "busy: used at 50 % on alpha's gpu:0 and beta, at 100 % unclaimed on alpha's gpu:1");
  }

  /** "user period: value" of one column of the usage rows. */
  List<String> column(String query, String field) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(asHost(betaToken, "GET", "api/v1/usage?" + query, null).body())
            .getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      out.add(
          o.get("user").getAsString()
              + " "
              + o.get("period").getAsString()
              + ": "
              + o.get(field).getAsBigDecimal().stripTrailingZeros().toPlainString());
    }
    return out;
  }

  @Test
  void perHostPerGpuPerWeekAndPerMonth() throws Exception {
    pushScriptedDay();
    assertEquals(
        List.of(
            "alpha " + day + ": 6 3.5 4 1.5",
            "beta " + day + ": 4 2 2 0",
            "beta " + next + ": 4 1 3 0"),
        table("group_by=host&period=day" + range()));
    assertEquals(
        List.of(
            "alpha:0 " + day + ": 4 2 2 0",
            "alpha:1 " + day + ": 2 1.5 2 1.5",
            "beta:0 " + day + ": 2 2 0 0",
            "beta:1 " + day + ": 2 0 2 0",
            "beta:0 " + next + ": 2 1 1 0",
            "beta:1 " + next + ": 2 0 2 0"),
        table("group_by=gpu&period=day" + range()));
    assertEquals(
        List.of(
            "alice " + day + ": 4 2 2 0",
            "bob " + day + ": 8 4.5 5 1.5",
            "carol " + day + ": 2 0 2 0"),
        table("group_by=user&period=week" + range()));
    List<String> months = table("group_by=host&period=month" + range());
    if (day.getMonth() == next.getMonth()) {
      assertEquals(
          List.of(
              "alpha " + day.withDayOfMonth(1) + ": 6 3.5 4 1.5",
              "beta " + day.withDayOfMonth(1) + ": 8 3 5 0"),
          months);
    } else {
      assertEquals(4, months.size(), months.toString());
    }
  }

  @Test
  void aRetriedOrGrownBucketCountsOnceAndAnOldOneIsRefused() throws Exception {
    pushScriptedDay();
    List<String> once = table("group_by=user&period=day" + range());
    pushScriptedDay(); // the same pushes again, as after a lost answer
    assertEquals(once, table("group_by=user&period=day" + range()));

    Instant start = at(next, 9, 0);
    Map<String, long[]> rows = new LinkedHashMap<>();
    rows.put("0/dora", new long[] {60_000, 0, 60_000});
    String small = bucket(start, rows);
    rows.put("0/dora", new long[] {300_000, 0, 300_000});
    String grown = bucket(start, rows);
    for (String b : List.of(small, grown, grown)) {
      assertEquals(
          200,
          asHost(alphaToken, "POST", "api/v1/link/push", pushOf(List.of(), List.of(b)))
              .statusCode());
    }
    assertTrue(
        table("group_by=user&period=day" + range()).contains("dora " + next + ": 0 0.083 0 0.083"),
        "5 minutes of dora, counted once: " + table("group_by=user&period=day" + range()));

    long fifteenDaysAgo = clock.instant().minus(Duration.ofDays(15)).toEpochMilli();
    String old = bucket(Instant.ofEpochMilli(fifteenDaysAgo / 300_000 * 300_000), rows);
    HttpResponse<String> r =
        asHost(alphaToken, "POST", "api/v1/link/push", pushOf(List.of(), List.of(old)));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject answer = JsonParser.parseString(r.body()).getAsJsonObject();
    assertEquals(0, answer.getAsJsonArray("usage_stored").size(), r.body());
    assertTrue(
        answer
            .getAsJsonArray("usage_refused")
            .get(0)
            .getAsJsonObject()
            .get("why")
            .getAsString()
            .contains("usage_raw_days"),
        r.body());
  }

  @Test
  void pruningTheSamplesKeepsTheDays() throws Exception {
    pushScriptedDay();
    List<String> before = table("group_by=gpu&period=day" + range());
    assertTrue(db.usage().prune(clock.instant()) > 0);
    assertEquals(0L, db.usage().rowCounts().get("usage_buckets"));
    assertEquals(before, table("group_by=gpu&period=day" + range()));
  }

  @Test
  void aRunningClaimCountsUpToNow() throws Exception {
    Instant now = clock.instant();
    Instant start = now.minus(Duration.ofMinutes(90));
    HttpResponse<String> r =
        asHost(
            alphaToken,
            "POST",
            "api/v1/link/push",
            pushOf(
                List.of(
                    claim(
                        "alpha",
                        7,
                        "erin",
                        "gpu:0-1",
                        start,
                        now.plus(Duration.ofHours(5)),
                        Optional.empty())),
                List.of()));
    assertEquals(200, r.statusCode(), r.body());
    LocalDate today = LocalDate.ofInstant(now, BERLIN);
    LocalDate startDay = LocalDate.ofInstant(start, BERLIN);
    HttpResponse<String> rows =
        asHost(
            betaToken,
            "GET",
            "api/v1/usage?group_by=user&period=day&from=" + startDay + "&to=" + today,
            null);
    java.math.BigDecimal claimed = java.math.BigDecimal.ZERO; // two days just after midnight
    for (JsonElement e : JsonParser.parseString(rows.body()).getAsJsonArray()) {
      assertEquals("erin", e.getAsJsonObject().get("user").getAsString());
      claimed = claimed.add(e.getAsJsonObject().get("claimed_gpu_hours").getAsBigDecimal());
    }
    assertEquals(0, new java.math.BigDecimal("3").compareTo(claimed), rows.body());
  }

  @Test
  void csvHasTheDocumentedColumnsAndParsesBackToTheJson() throws Exception {
    pushScriptedDay();
    HttpResponse<String> csv =
        asHost(betaToken, "GET", "api/v1/usage?group_by=host&period=day" + range(), null);
    HttpResponse<String> viaAccept =
        call(
            "GET",
            "api/v1/usage?group_by=host&period=day" + range(),
            null,
            "Authorization",
            "Bearer " + betaToken,
            "Accept",
            "text/csv");
    assertTrue(viaAccept.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    String[] lines = viaAccept.body().split("\r\n");
    assertEquals(
        "host,period,claimed_gpu_hours,used_gpu_hours,idle_claimed_gpu_hours,unclaimed_gpu_hours,"
            + "busy_gpu_hours",
        lines[0]);
    JsonArray json = JsonParser.parseString(csv.body()).getAsJsonArray();
    assertEquals(json.size(), lines.length - 1);
    for (int i = 0; i < json.size(); i++) {
      String[] cells = lines[i + 1].split(",", -1);
      JsonObject o = json.get(i).getAsJsonObject();
      assertEquals(o.get("host").getAsString(), cells[0]);
      assertEquals(o.get("period").getAsString(), cells[1]);
      assertEquals(
          0,
          o.get("claimed_gpu_hours")
              .getAsBigDecimal()
              .compareTo(new java.math.BigDecimal(cells[2])));
      assertEquals(
          0,
          o.get("used_gpu_hours").getAsBigDecimal().compareTo(new java.math.BigDecimal(cells[3])));
      assertEquals(
          0,
          o.get("idle_claimed_gpu_hours")
              .getAsBigDecimal()
              .compareTo(new java.math.BigDecimal(cells[4])));
      assertEquals(
          0,
          o.get("unclaimed_gpu_hours")
              .getAsBigDecimal()
              .compareTo(new java.math.BigDecimal(cells[5])));
      assertEquals(
          0,
          o.get("busy_gpu_hours").getAsBigDecimal().compareTo(new java.math.BigDecimal(cells[6])));
    }
    HttpResponse<String> download =
        asHost(betaToken, "GET", "api/v1/usage?format=csv&group_by=gpu" + range(), null);
    assertTrue(download.body().startsWith("host,gpu,period,"), download.body());
  }

  // ---- /metrics -----------------------------------------------------------------------------

  @Test
  void metricsShowTheFleetNowInPrometheusTextFormat() throws Exception {
    Instant now = clock.instant();
    Instant bucketStart = Instant.ofEpochMilli(now.toEpochMilli() / 300_000 * 300_000);
    Map<String, long[]> rows = new LinkedHashMap<>();
    rows.put("0/alice", new long[] {120_000, 0, 0});
    rows.put("1/bob", new long[] {120_000, 0, 120_000});
    HttpResponse<String> r =
        asHost(
            alphaToken,
            "POST",
            "api/v1/link/push",
            pushOf(
                List.of(
                    claim(
                        "alpha",
                        1,
                        "alice",
                        "gpu:0",
                        now.minusSeconds(600),
                        now.plusSeconds(3600),
                        Optional.empty()),
                    claim(
                        "alpha",
                        2,
                        "carol",
                        "gpu:1",
                        now.plusSeconds(3600),
                        now.plusSeconds(7200),
                        Optional.empty())),
                List.of(bucket(bucketStart, rows))));
    assertEquals(200, r.statusCode(), r.body());
    asHost(
        betaToken,
        "POST",
        "api/v1/link/push",
        "{\"gpu_loads\": [{\"gpu\": 0, \"utilization_percent\": 87, \"memory_used_mib\": 30120,"
            + " \"memory_total_mib\": 40960}, {\"gpu\": 1, \"utilization_percent\": 0,"
            + " \"memory_used_mib\": 0, \"memory_total_mib\": 40960}]}");
    clock.advance(Duration.ofSeconds(5));

    HttpResponse<String> scrape = call("GET", "metrics", null);
    assertEquals(200, scrape.statusCode(), scrape.body());
    assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    PromTool.check(scrape.body());
    Map<String, Double> m = PromTool.samples(scrape.body());
    assertEquals(2.0, m.get("hosthog_hosts_online"), scrape.body());
    assertEquals(1.0, m.get("hosthog_reservations{host=\"alpha\",state=\"active\"}"));
    assertEquals(1.0, m.get("hosthog_reservations{host=\"alpha\",state=\"planned\"}"));
    assertEquals(0.0, m.get("hosthog_reservations{host=\"beta\",state=\"active\"}"));
    assertEquals(1.0, m.get("hosthog_gpus_claimed{host=\"alpha\"}"));
    assertEquals(2.0, m.get("hosthog_gpus_used{host=\"alpha\"}"));
    assertEquals(1.0, m.get("hosthog_gpus_unclaimed_use{host=\"alpha\"}"));
    assertEquals(0.0, m.get("hosthog_gpus_idle_claimed{host=\"alpha\"}"));
    assertEquals(1.5, m.get("hosthog_host_load{host=\"alpha\"}"));
    assertEquals(5.0, m.get("hosthog_host_last_contact_seconds{host=\"alpha\"}"));
    assertEquals(
        87.0, m.get("hosthog_gpu_utilization_percent{gpu=\"0\",host=\"beta\"}"), scrape.body());
    assertEquals(0.0, m.get("hosthog_gpu_utilization_percent{gpu=\"1\",host=\"beta\"}"));
    assertEquals(30120.0, m.get("hosthog_gpu_memory_used_mib{gpu=\"0\",host=\"beta\"}"));
    assertEquals(40960.0, m.get("hosthog_gpu_memory_total_mib{gpu=\"1\",host=\"beta\"}"));
    assertTrue(
        !scrape.body().contains("hosthog_gpu_utilization_percent{gpu=\"0\",host=\"alpha\"}"),
        "alpha sent no loads: no gauge rather than a made-up 0");
    assertTrue(
        m.getOrDefault(
                "hosthog_http_requests_total{route=\"POST /api/v1/link/push\",status=\"200\"}", 0.0)
            >= 2,
        scrape.body());

    HttpResponse<String> proxied = call("GET", "metrics", null, "X-Forwarded-For", "203.0.113.9");
    assertEquals(401, proxied.statusCode(), "through a proxy it is not loopback any more");
  }

  // ---- garbage ------------------------------------------------------------------------------

  @Test
  void garbageBucketsAreRefusedAndNothingOfThatPushIsStored() throws Exception {
    Instant start = at(day, 9, 0);
    String reservation =
        claim("alpha", 9, "alice", "gpu:0", at(day, 9, 0), at(day, 10, 0), Optional.empty());
    Map<String, String> garbage = new LinkedHashMap<>();
    garbage.put("\"x\"", "each of 'usage' is an object");
    garbage.put("{\"start\": \"yesterday\"}", "'start' must be a UTC time");
    garbage.put(
        "{\"start\": \"" + start.plusSeconds(60) + "\", \"sampled_ms\": 0}", "5-minute boundary");
    garbage.put("{\"start\": \"" + start + "\", \"sampled_ms\": 9999999}", "'sampled_ms' must be");
    garbage.put(
        "{\"start\": \""
            + start
            + "\", \"sampled_ms\": 1, \"gpus\": [{\"gpu\": 0, \"user\": \"a b\","
            + " \"used_ms\": 1, \"idle_ms\": 0, \"unclaimed_ms\": 0}]}",
        "not a user name");
    garbage.put(
        "{\"start\": \""
            + start
            + "\", \"sampled_ms\": 1, \"gpus\": [{\"gpu\": 0, \"user\": \"a\","
            + " \"used_ms\": -5, \"idle_ms\": 0, \"unclaimed_ms\": 0}]}",
        "'used_ms' must be a whole number");
    garbage.put(
        "{\"start\": \""
            + start
            + "\", \"sampled_ms\": 1, \"gpus\": [{\"gpu\": 0, \"user\": \"a\","
            + " \"used_ms\": 1, \"idle_ms\": 0, \"unclaimed_ms\": 2}]}",
        "a part of 'used_ms'");
    garbage.put(
        "{\"start\": \""
            + start
            + "\", \"sampled_ms\": 1, \"gpus\": [{\"gpu\": 0, \"user\": \"a\","
            + " \"used_ms\": 1, \"idle_ms\": 0, \"unclaimed_ms\": 0}, {\"gpu\": 0, \"user\": \"a\","
            + " \"used_ms\": 1, \"idle_ms\": 0, \"unclaimed_ms\": 0}]}",
        "appear twice");
    garbage.put(
        "{\"start\": \"" + start + "\", \"sampled_ms\": 1, \"load\": \"high\"}", "'load' must be");
    for (var g : garbage.entrySet()) {
      String body =
          pushOf(List.of(reservation), List.of())
              .replace("\"usage\":[]", "\"usage\":[" + g.getKey() + "]");
      HttpResponse<String> r = asHost(alphaToken, "POST", "api/v1/link/push", body);
      assertEquals(400, r.statusCode(), g.getKey() + " -> " + r.body());
      assertTrue(
          error(r).contains(g.getValue()) && error(r).contains("Nothing was stored"), error(r));
    }
    HttpResponse<String> notArray =
        asHost(alphaToken, "POST", "api/v1/link/push", "{\"usage\": {\"start\": 1}}");
    assertEquals(400, notArray.statusCode());
    assertEquals(List.of(), table("group_by=user&period=day" + range()));
    assertEquals(
        0,
        db.replica()
            .reservations(
                new ReplicaRows.Filter(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true))
            .size());
  }

  @Test
  void badQueriesSayWhatIsAllowed() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("group_by=team", "'group_by' must be one of user, host, gpu");
    bad.put("period=year", "'period' must be one of day, week, month");
    bad.put("from=last+week", "'from' must be a day such as 2026-12-02");
    bad.put("from=2026-12-02&to=2026-11-01", "is after 'to'");
    for (var b : bad.entrySet()) {
      HttpResponse<String> r = asHost(betaToken, "GET", "api/v1/usage?" + b.getKey(), null);
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(error(r).contains(b.getValue()), error(r));
    }
    HttpResponse<String> anonymous = call("GET", "api/v1/usage", null);
    assertEquals(401, anonymous.statusCode());
  }
}
