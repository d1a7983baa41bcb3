package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Usage statistics with real parts: a real daemon ({@code gamma}) samples every second what runs on
 * its GPUs (the nvidia-smi stand-in lists real processes of real users) and pushes to a real server
 * on PostgreSQL, which is stopped for a while in the middle; the numbers come back through the API,
 * {@code /metrics} and {@code hosthog fleet usage}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetUsageIT {
  static GpuStandIn gpus;
  static DaemonFixture gamma;
  static long aliceClaim;
  static final List<String> HOURS =
      List.of(
          "claimed_gpu_hours",
          "used_gpu_hours",
          "busy_gpu_hours",
          "idle_claimed_gpu_hours",
          "unclaimed_gpu_hours");

  @BeforeAll
  static void start() throws Exception {
    Fleet.start();
    gpus = new GpuStandIn();
    gamma = Fleet.daemon("gamma", Fleet.servers.get(0), gpus.toml(), "sample_every = \"1s\"\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (gamma != null) {
      gamma.close();
    }
    Fleet.stop();
  }

  /**
   * {@code user}'s rows since yesterday on the first server, summed (a test running over midnight
   * has two); empty until there is one.
   */
  static Optional<JsonObject> today(String user) {
    JsonArray rows =
        Fleet.api(
            "api/v1/usage?group_by=user&period=day&from=" + java.time.LocalDate.now().minusDays(1));
    JsonObject sum = null;
    for (JsonElement e : rows) {
      JsonObject row = e.getAsJsonObject();
      if (!row.get("user").getAsString().equals(user)) {
        continue;
      }
      if (sum == null) {
        sum = row;
        continue;
      }
      for (String f : HOURS) {
        sum.addProperty(f, sum.get(f).getAsBigDecimal().add(row.get(f).getAsBigDecimal()));
      }
    }
    return Optional.ofNullable(sum);
  }

  static double hours(Optional<JsonObject> row, String field) {
    return row.map(r -> r.get(field).getAsDouble()).orElse(0.0);
  }

  static double metric(String series) throws Exception {
    HttpResponse<String> r =
        Fleet.HTTP.send(
            HttpRequest.newBuilder(Fleet.servers.get(0).url().resolve("metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (String line : r.body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    return -1;
  }

  @Test
  @Order(1)
  void claimedUsedIdleAndUnclaimedGpuTimeReachTheServerAcrossAnOutage() throws Exception {
    aliceClaim =
        Fleet.claimed(gamma.as("hhalice", "claim", "gpu:0", "--for", "1h", "-m", "no process"));
    Process bob = new ProcessBuilder("runuser", "-u", "hhbob", "--", "sleep", "600").start();
    long ran;
    try {
      Fleet.waitUntil(
          Duration.ofSeconds(15), () -> bob.toHandle().children().findAny().isPresent());
      long started = System.nanoTime();
      gpus.run(bob.toHandle().children().findFirst().orElseThrow().pid(), 1);
      Fleet.waitUntil(
          Duration.ofSeconds(30),
          () -> {
            try {
              return metric("hosthog_gpus_unclaimed_use{host=\"gamma\"}") == 1
                  && metric("hosthog_gpus_idle_claimed{host=\"gamma\"}") == 1
                  // the stand-in's GPU with a process works at 80 %, as gamma's pushes say
                  && metric("hosthog_gpu_utilization_percent{gpu=\"1\",host=\"gamma\"}") == 80
                  && metric("hosthog_gpu_memory_used_mib{gpu=\"1\",host=\"gamma\"}") == 1024;
            } catch (Exception e) {
              return false;
            }
          });

      // the server goes away for 12 s; gamma keeps sampling and pushes it all when it is back
      Fleet.ServerProcess a = Fleet.servers.get(0);
      a.process().destroyForcibly().waitFor();
      Thread.sleep(12_000);
      Fleet.servers.set(0, Fleet.startServer(a.port()));
      Fleet.servers.remove(Fleet.servers.size() - 1);
      Thread.sleep(5_000);
      gpus.clear();
      ran = (System.nanoTime() - started) / 1_000_000_000L;
    } finally {
      bob.destroyForcibly();
      bob.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    }
    // the daemon samples every second and the link every second; then bob's time stops growing
    Thread.sleep(8_000);
    double used = hours(today("hhbob"), "used_gpu_hours");
    Thread.sleep(3_000);
    assertEquals(used, hours(today("hhbob"), "used_gpu_hours"), "bob's process is gone");

    Optional<JsonObject> b = today("hhbob");
    double seconds = used * 3600;
    assertTrue(
        seconds > ran - 7 && seconds < ran + 9,
        "bob ran ~" + ran + " s, outage included; the server counted " + seconds + " s: " + b);
    assertEquals(used, hours(b, "unclaimed_gpu_hours"), "nobody claimed gpu:1: " + b);
    assertEquals( // the stand-in says a GPU with a process works at 80 %
        0.8 * used,
        hours(b, "busy_gpu_hours"),
        0.002,
        "busy is used weighted by utilisation: " + b);
    assertEquals(0.0, hours(b, "claimed_gpu_hours"), b.toString());
    Optional<JsonObject> alice = today("hhalice");
    assertEquals(0.0, hours(alice, "used_gpu_hours"), alice.toString());
    assertTrue(hours(alice, "idle_claimed_gpu_hours") * 3600 > ran - 7, alice.toString());
    assertTrue(
        hours(alice, "claimed_gpu_hours") >= hours(alice, "idle_claimed_gpu_hours"),
        "claimed since the claim began, idle since sampling saw it: " + alice);

    Result table = gamma.as("hhbob", "fleet", "usage", "--period", "day");
    assertEquals(0, table.exit(), table.toString());
    assertTrue(
        table.out().contains("hhalice")
            && table.out().contains("hhbob")
            && table.out().contains("IDLE CLAIMED"),
        table.toString());
    Result json = gamma.as("hhbob", "fleet", "usage", "--by", "host", "--json");
    assertEquals(0, json.exit(), json.toString());
    JsonArray hosts = JsonParser.parseString(json.out()).getAsJsonArray();
    assertTrue(
        hosts.asList().stream()
            .anyMatch(
                h ->
                    h.getAsJsonObject().get("who").getAsString().equals("gamma")
                        && h.getAsJsonObject().get("used_gpu_hours").getAsDouble() > 0),
        json.out());
    Result bad = gamma.as("hhbob", "fleet", "usage", "--by", "team");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("give --by user or --by host"), bad.toString());
  }

  /**
   * Thirteen past days of a lab's usage (so the whole of last week, whatever today is), pushed as
   * host {@code delta}'s link would (its token, the link protocol): on weekdays alice claims
   * gpu:0-3 09-17 and runs on two of them at 50 %, bob claims and uses gpu:4-5 10-22 at 100 %,
   * carol runs on gpu:7 13-15 without a claim at 20 %; on weekends only bob, 10-14.
   */
  static void pushHistory() throws Exception {
    Result enrolled = Fleet.server("enroll", "delta");
    assertEquals(0, enrolled.exit(), enrolled.toString());
    String token = enrolled.out().strip();
    java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    java.time.LocalDate today = java.time.LocalDate.now(zone);
    JsonArray reservations = new JsonArray();
    JsonArray buckets = new JsonArray();
    long id = 1;
    for (java.time.LocalDate day = today.minusDays(13);
        day.isBefore(today);
        day = day.plusDays(1)) {
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      java.time.Instant midnight = day.atStartOfDay(zone).toInstant();
      if (!weekend) {
        reservations.add(reservation(id++, "hhalice", "gpu:0-3", midnight, 9, 17));
      }
      reservations.add(reservation(id++, "hhbob", "gpu:4-5", midnight, 10, weekend ? 14 : 22));
      for (int minute = 0; minute < 24 * 60; minute += 5) {
        int hour = minute / 60;
        JsonArray rows = new JsonArray();
        if (!weekend && hour >= 9 && hour < 17) {
          for (int g = 0; g < 4; g++) {
            rows.add(
                row(
                    g,
                    "hhalice",
                    g < 2 ? 300_000 : 0,
                    g < 2 ? 0 : 300_000,
                    0,
                    g < 2 ? 150_000 : 0));
          }
        }
        if (hour >= 10 && hour < (weekend ? 14 : 22)) {
          rows.add(row(4, "hhbob", 300_000, 0, 0, 300_000));
          rows.add(row(5, "hhbob", 300_000, 0, 0, 300_000));
        }
        if (!weekend && hour >= 13 && hour < 15) {
          rows.add(row(7, "hhcarol", 300_000, 0, 300_000, 60_000));
        }
        if (rows.size() > 0) {
          JsonObject b = new JsonObject();
          b.addProperty("start", midnight.plusSeconds(minute * 60L).toString());
          b.addProperty("sampled_ms", 300_000);
          b.addProperty("load", 4.0);
          b.add("gpus", rows);
          buckets.add(b);
        }
      }
    }
    JsonObject push = new JsonObject();
    push.add(
        "inventory",
        JsonParser.parseString(
            "{\"cpus\": 64, \"gpus\": ["
                + String.join(
                    ", ",
                    java.util.stream.IntStream.range(0, 8)
                        .mapToObj(
                            g ->
                                "{\"index\": "
                                    + g
                                    + ", \"name\": \"A100\", \"uuid\": \"GPU-"
                                    + g
                                    + "\", \"memory_mib\": 40960}")
                        .toList())
                + "], \"extra\": [], \"claimable\": []}"));
    push.add("reservations", reservations);
    push.add("usage", buckets);
    HttpResponse<String> r =
        Fleet.HTTP.send(
            HttpRequest.newBuilder(Fleet.servers.get(0).url().resolve("api/v1/link/push"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(push.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        buckets.size(),
        JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("usage_stored").size());
  }

  static JsonObject row(int gpu, String user, long used, long idle, long unclaimed, long busy) {
    JsonObject o = new JsonObject();
    o.addProperty("busy_ms", busy);
    o.addProperty("gpu", gpu);
    o.addProperty("user", user);
    o.addProperty("used_ms", used);
    o.addProperty("idle_ms", idle);
    o.addProperty("unclaimed_ms", unclaimed);
    return o;
  }

  static JsonObject reservation(
      long id, String owner, String gpus, java.time.Instant midnight, int from, int to) {
    String start = midnight.plusSeconds(from * 3600L).toString();
    String end = midnight.plusSeconds(to * 3600L).toString();
    JsonObject r =
        JsonParser.parseString(
                "{\"id\": "
                    + id
                    + ", \"uuid\": \""
                    + java.util.UUID.randomUUID()
                    + "\", \"host\": \"delta\", \"owner\": \""
                    + owner
                    + "\", \"claims\": [{\"resource\": \""
                    + gpus
                    + "\", \"mode\": \"exclusive\"}], \"start\": \""
                    + start
                    + "\", \"end\": \""
                    + end
                    + "\", \"message\": \"history\","
                    + " \"state\": \"ended\", \"created\": \""
                    + start
                    + "\", \"updated\": \""
                    + start
                    + "\", \"updated_by\": \""
                    + owner
                    + "\"}")
            .getAsJsonObject();
    JsonObject item = new JsonObject();
    item.addProperty("version", 1);
    item.add("reservation", r);
    return item;
  }

  /** The statistics page in a real browser shows what the API says, as a chart and a table. */
  @Test
  @Order(2)
  void theStatisticsPageShowsTheApisNumbers() throws Exception {
    assertEquals(0, gamma.as("hhalice", "release", Long.toString(aliceClaim)).exit());
    Thread.sleep(8_000); // the last samples of alice's claim reach the server; then nothing grows
    pushHistory();
    Result weeks = gamma.as("hhbob", "fleet", "usage", "--period", "week");
    assertEquals(0, weeks.exit(), weeks.toString());
    Files.writeString(Path.of("target", "fleet-usage.txt"), weeks.out()); // the README's example
    java.time.LocalDate lastWeek =
        java.time.LocalDate.now()
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
            .minusWeeks(1);
    for (String row : // five weekdays and a weekend, worked out by hand from pushHistory's lab
        List.of(
            "hhalice from " + lastWeek + " 160.0 80.0 40.0 80.0 0 25 %",
            "hhbob from " + lastWeek + " 136.0 136.0 136.0 0 0 100 %",
            "hhcarol from " + lastWeek + " 0 10.0 2.0 0 10.0 -")) {
      assertTrue(weeks.out().replaceAll(" +", " ").contains(row), row + " in\n" + weeks.out());
    }
    ChromeDriver browser = Browser.open();
    try {
      Result web = gamma.as("hhbob", "web");
      assertEquals(0, web.exit(), web.toString());
      URI server = Fleet.servers.get(0).url();
      browser.get(server.resolve(URI.create(web.out().strip()).getPath()).toString());
      browser.get(server.resolve("stats").toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
      wait.until(
          d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
      new Select(browser.findElement(By.id("period"))).selectByValue("day");
      JsonArray api = Fleet.api("api/v1/usage?group_by=user&period=day");
      List<List<String>> expected = new ArrayList<>();
      for (JsonElement e : api) {
        JsonObject o = e.getAsJsonObject();
        List<String> row =
            new ArrayList<>(List.of(o.get("user").getAsString(), o.get("period").getAsString()));
        for (String f : HOURS) {
          row.add(hours(o.get(f).getAsDouble()));
        }
        expected.add(row);
      }
      wait.until(d -> expected.equals(rows(browser).stream().map(r -> r.subList(0, 7)).toList()));
      assertTrue(expected.size() >= 2, "hhalice and hhbob at least: " + expected);
      assertTrue(
          browser
              .findElement(By.id("csv"))
              .getDomAttribute("href")
              .contains("format=csv&group_by=user&period=day"));

      assertEquals(1, browser.findElements(By.cssSelector("#chart canvas")).size(), "uPlot drew");
      String legend = browser.findElement(By.cssSelector("#chart .u-legend")).getText();
      for (String series : List.of("Claimed", "Used", "Idle claimed", "Unclaimed")) {
        assertTrue(legend.contains(series), legend);
      }
      new Select(browser.findElement(By.id("group-by"))).selectByValue("host");
      wait.until(d -> d.findElement(By.id("key-head")).getText().equals("Host"));
      wait.until(d -> rows(browser).stream().anyMatch(r -> r.get(0).equals("gamma")));
      assertTrue(
          rows(browser).stream()
              .anyMatch(
                  r ->
                      r.get(0).equals("delta")
                          && r.subList(2, 8)
                              .equals(List.of("56.0", "42.0", "32.4", "16.0", "2.0", "58 %"))),
          "a weekday of delta: alice claims 4 x 8 h and runs on 2 at 50 % (16 idle), bob 2 x 12 h"
              + " at 100 %, carol 2 h unclaimed at 20 %: "
              + rows(browser));
      assertEquals(List.of(), Browser.errors(browser).stream().map(LogEntry::getMessage).toList());
      new Select(browser.findElement(By.id("group-by"))).selectByValue("user");
      browser.executeScript( // the date picker's typing differs by locale: set it as a script would
          "const f = document.getElementById('from'); f.value = arguments[0];"
              + " f.dispatchEvent(new Event('change'));",
          java.time.LocalDate.now().minusDays(13).toString());
      wait.until(d -> d.findElement(By.id("key-head")).getText().equals("User"));
      wait.until(d -> rows(browser).size() > 20);
      assertTrue(
          browser.findElement(By.id("csv")).getDomAttribute("href").contains("from="),
          "the CSV link asks for what the page shows");
      Files.copy( // the README's picture
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          Path.of("target", "usage-stats.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
    }
  }

  /** The table's rows, read in one script: the page may redraw the table between two reads. */
  @SuppressWarnings("unchecked")
  static List<List<String>> rows(ChromeDriver browser) {
    List<List<String>> rows =
        (List<List<String>>)
            browser.executeScript(
                "return [...document.querySelectorAll('#usage tbody tr')]"
                    + ".map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText.trim()))");
    return rows.stream().filter(cells -> cells.size() == 8).toList();
  }

  /** As the page writes GPU-hours: one decimal, two for small amounts, never 0.0 for a little. */
  static String hours(double h) {
    if (h == 0) {
      return "0";
    }
    if (h < 0.01) {
      return "<0.01";
    }
    return String.format(java.util.Locale.ROOT, h < 0.1 ? "%.2f" : "%.1f", h);
  }
}
