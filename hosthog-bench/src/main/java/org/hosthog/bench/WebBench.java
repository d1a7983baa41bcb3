package org.hosthog.bench;

import com.google.gson.JsonParser;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Resource;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ReservationView;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web calendar under a big fleet (not a test; {@code bench/web-benchmark.sh} starts the server
 * and enrols the hosts): {@code WebBench URL HOSTS PER_HOST TOKENS_FILE RUNS UPDATES}.
 *
 * <p>Pushes HOSTS x 8 GPUs and HOSTS x PER_HOST reservations spread over the coming month (as the
 * hosts' links would), then in headless chromium: the page ready (timeline drawn, month in view),
 * median of RUNS loads, with the bytes transferred; then UPDATES pushes of one change each to host0
 * (expanded first: hosts start collapsed), push of a changed message to its bar on screen, p50/p99.
 */
public final class WebBench {
  private static final Codec CODEC = new Codec();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WebBench() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    URI base = URI.create(args[0]);
    int hosts = Integer.parseInt(args[1]);
    int perHost = Integer.parseInt(args[2]);
    List<String> tokens = Files.readAllLines(java.nio.file.Path.of(args[3]));
    int runs = Integer.parseInt(args[4]);
    int updates = Integer.parseInt(args[5]);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    for (int h = 0; h < hosts; h++) {
      StringBuilder body =
          new StringBuilder("{\"inventory\": " + inventory() + ", \"reservations\": [");
      for (int i = 0; i < perHost; i++) {
        Instant start = now.plus(Duration.ofMinutes((long) i * 30L * 24 * 60 / perHost));
        body.append(i == 0 ? "" : ",")
            .append("{\"version\": 1, \"reservation\": ")
            .append(
                reservation(
                    "host" + h,
                    i + 1,
                    // the same ids on every run: a second run against a live server adds nothing
                    UUID.nameUUIDFromBytes(("host" + h + "/" + i).getBytes(StandardCharsets.UTF_8)),
                    "user" + (i % 20),
                    start,
                    "run " + i))
            .append('}');
      }
      post(base, tokens.get(h), body.append("]}").toString());
    }
    out.printf("pushed %d hosts x 8 GPUs, %d reservations%n", hosts, hosts * perHost);

    String login =
        JsonParser.parseString(post(base, tokens.get(0), "{\"user\": \"bench\"}", "link/login"))
            .getAsJsonObject()
            .get("url")
            .getAsString();
    ChromeDriver browser = browser();
    browser.manage().timeouts().scriptTimeout(java.time.Duration.ofMinutes(2));
    try {
      browser.get(base.resolve(URI.create(login).getPath()).toString());
      pageReady(browser);
      // hosts start collapsed; the changes below go to host0, opened as a user would
      ((JavascriptExecutor) browser)
          .executeScript(
              "const t = document.querySelector('button.toggle[data-host=\"host0\"]');"
                  + " if (t && t.getAttribute('aria-expanded') !== 'true') t.click();");
      List<Long> ready = new ArrayList<>();
      List<Long> bytes = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        boolean profiled = r == runs - 1 && System.getenv("HOSTHOG_BENCH_PROFILE") != null;
        if (profiled) {
          PageProfile.start(browser);
        }
        browser.get(base.toString());
        long millis = pageReady(browser);
        if (profiled) {
          PageProfile.stop(browser, out, 30);
        }
        ready.add(millis);
        bytes.add(
            ((Number)
                    ((JavascriptExecutor) browser)
                        .executeScript(
                            "return performance.getEntries().reduce((s, e) => s + (e.transferSize || 0), 0)"))
                .longValue());
      }
      // where the last load's time went: each request's span, then the page's own work
      out.println(
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return performance.getEntriesByType('resource').map(e => '  '"
                      + " + e.name.replace(location.origin, '') + ': ' + Math.round(e.startTime)"
                      + " + ' -> ' + Math.round(e.responseEnd) + ' ms, '"
                      + " + Math.round(e.transferSize / 1024) + ' KiB').join('\\n')"));
      ready.sort(null);
      out.printf(
          "page ready with the month in view, %d hosts, %d reservations: median %d ms of %d loads"
              + " (%s), %d KiB transferred%n",
          hosts, hosts * perHost, ready.get(runs / 2), runs, ready, bytes.get(0) / 1024);
      // one reservation on host0's gpu:0 (its first row, in view) changed again and again, as a
      // host pushes a changed message; versions count up from this run's start, above any earlier
      UUID changing = UUID.randomUUID();
      Instant since = Instant.now();
      long firstVersion = since.getEpochSecond();
      long changingId = 100_000 + 8 * (firstVersion % 10_000); // a multiple of 8: gpu:0
      List<Long> latency = new ArrayList<>();
      for (int u = 0; u < updates; u++) {
        String marker = "update-" + u + "-" + UUID.randomUUID();
        ((JavascriptExecutor) browser)
            .executeScript(
                "window.seen = null; const m = arguments[0];"
                    + "new MutationObserver((l, o) => { if (document.getElementById('timeline')"
                    + ".textContent.includes(m)) { window.seen = Date.now(); o.disconnect(); } })"
                    + ".observe(document.getElementById('timeline'), {childList: true, subtree: true,"
                    + " characterData: true});",
                marker);
        long sent = System.currentTimeMillis();
        post(
            base,
            tokens.get(0),
            "{\"reservations\": [{\"version\": "
                + (firstVersion + u)
                + ", \"reservation\": "
                + reservation("host0", changingId, changing, "bench", since, marker)
                + "}]}");
        Object seen = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen == null && System.nanoTime() < deadline) {
          seen = ((JavascriptExecutor) browser).executeScript("return window.seen");
          Thread.sleep(2);
        }
        if (seen == null) {
          throw new IllegalStateException("update " + u + " never reached the screen");
        }
        latency.add(((Number) seen).longValue() - sent);
      }
      latency.sort(null);
      out.printf(
          "push of one change -> its bar on screen, %d updates: p50 %d ms, p99 %d ms%n",
          updates,
          latency.get(updates / 2),
          latency.get(Math.min(updates - 1, updates * 99 / 100)));
    } finally {
      browser.quit();
    }
  }

  /** Navigation to the timeline drawn with the month in view, in the page's own clock. */
  private static long pageReady(ChromeDriver browser) throws InterruptedException {
    JavascriptExecutor js = browser;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!"true"
        .equals(js.executeScript("return document.body && document.body.dataset.ready"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page never got ready");
      }
      Thread.sleep(5);
    }
    Object millis =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "document.querySelector('.zoom button[data-days=\"31\"]').click();"
                // the month's data is asked for when the view changes: ready once it is drawn
                + "const covered = () => { const w = timeline.getWindow(); return state.loaded"
                + "  && state.loaded.from <= w.start && state.loaded.to >= w.end; };"
                + "const drawn = () => document.body.dataset.loading || !covered()"
                + "  ? setTimeout(drawn, 2)"
                + "  : requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));"
                + "drawn();");
    return Math.round(((Number) millis).doubleValue());
  }

  private static ChromeDriver browser() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,800",
        "--user-data-dir=" + Files.createTempDirectory("hh-web-bench-"));
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build(),
        options);
  }

  private static String inventory() {
    StringBuilder gpus = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      gpus.append(g == 0 ? "" : ",")
          .append(
              "{\"index\": "
                  + g
                  + ", \"name\": \"A100\", \"uuid\": \"GPU-"
                  + g
                  + "\", \"memory_mib\": 81920}");
    }
    return "{\"cpus\": 64, \"gpus\": [" + gpus + "], \"extra\": [], \"claimable\": []}";
  }

  private static String reservation(
      String host, long id, UUID uuid, String owner, Instant start, String message) {
    return CODEC.compact(
        new ReservationView(
            id,
            uuid,
            host,
            owner,
            List.of(Claim.of(Resource.parse("gpu:" + id % 8))),
            start.atOffset(ZoneOffset.UTC),
            start.plus(Duration.ofHours(6)).atOffset(ZoneOffset.UTC),
            message,
            "planned",
            start.atOffset(ZoneOffset.UTC),
            start.atOffset(ZoneOffset.UTC),
            owner,
            Optional.empty(),
            Optional.empty()));
  }

  private static String post(URI base, String token, String body) throws Exception {
    return post(base, token, body, "link/push");
  }

  private static String post(URI base, String token, String body, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
