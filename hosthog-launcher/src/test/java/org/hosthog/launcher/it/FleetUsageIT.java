package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usage statistics with real parts: a real daemon ({@code gamma}) samples every second what runs on
 * its GPUs (the nvidia-smi stand-in lists real processes of real users) and pushes to a real server
 * on PostgreSQL, which is stopped for a while in the middle; the numbers come back through the API,
 * {@code /metrics} and {@code hosthog fleet usage}.
 */
class FleetUsageIT {
  static GpuStandIn gpus;
  static DaemonFixture gamma;

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

  /** Today's row of {@code user} on the first server, by day; empty until there is one. */
  static Optional<JsonObject> today(String user) {
    JsonArray rows =
        Fleet.api(
            "api/v1/usage?group_by=user&period=day&from=" + java.time.LocalDate.now().minusDays(1));
    JsonObject last = null;
    for (JsonElement e : rows) {
      if (e.getAsJsonObject().get("user").getAsString().equals(user)) {
        last = e.getAsJsonObject(); // the latest period comes last
      }
    }
    return Optional.ofNullable(last);
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
  void claimedUsedIdleAndUnclaimedGpuTimeReachTheServerAcrossAnOutage() throws Exception {
    Result claim = gamma.as("hhalice", "claim", "gpu:0", "--for", "1h", "-m", "no process");
    assertEquals(0, claim.exit(), claim.toString());
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
                  && metric("hosthog_gpus_idle_claimed{host=\"gamma\"}") == 1;
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
    // the probe reuses what it saw for 5 s; then bob's time stops growing
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
}
