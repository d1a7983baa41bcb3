package org.hosthog.bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Where a page's time goes: chromium's sampling profiler around one load, summed by function (self
 * time: the function itself, not what it calls), the busiest first.
 */
final class PageProfile {
  private static final Gson GSON = new Gson();

  private PageProfile() {}

  /** Times each of the timeline's redraws, from before the page's own scripts run. */
  private static final String REDRAW_TRACER =
      "window.redraws = []; document.addEventListener('DOMContentLoaded', () => {"
          + " const draw = vis.Timeline.prototype._redraw;"
          + " vis.Timeline.prototype._redraw = function () { const t = performance.now();"
          + " draw.call(this); window.redraws.push([Math.round(t), Math.round(performance.now() - t)]); };"
          + "});";

  static void start(ChromeDriver browser) {
    browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", REDRAW_TRACER));
    browser.executeCdpCommand("Profiler.enable", Map.of());
    browser.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
    browser.executeCdpCommand("Profiler.start", Map.of());
  }

  /** Stops the profiler and prints the {@code top} functions by self time. */
  static void stop(ChromeDriver browser, PrintStream out, int top) {
    Map<String, Object> result = browser.executeCdpCommand("Profiler.stop", Map.of());
    JsonObject profile = GSON.toJsonTree(result.get("profile")).getAsJsonObject();
    Map<Long, String> names = new HashMap<>();
    for (JsonElement n : profile.getAsJsonArray("nodes")) {
      JsonObject frame = n.getAsJsonObject().getAsJsonObject("callFrame");
      String url = frame.get("url").getAsString();
      String name = frame.get("functionName").getAsString();
      names.put(
          n.getAsJsonObject().get("id").getAsLong(),
          (name.isEmpty() ? "(anonymous)" : name)
              + (url.isEmpty()
                  ? ""
                  : " "
                      + url.replaceAll(".*/", "")
                      + ":"
                      + (frame.get("lineNumber").getAsInt() + 1)));
    }
    Map<Long, Long> parents = new HashMap<>();
    for (JsonElement n : profile.getAsJsonArray("nodes")) {
      JsonArray children = n.getAsJsonObject().getAsJsonArray("children");
      for (JsonElement c : children == null ? new JsonArray() : children) {
        parents.put(c.getAsLong(), n.getAsJsonObject().get("id").getAsLong());
      }
    }
    JsonArray samples = profile.getAsJsonArray("samples");
    JsonArray deltas = profile.getAsJsonArray("timeDeltas");
    Map<String, Long> micros = new HashMap<>();
    for (int i = 1; i < samples.size(); i++) { // a sample's time is the gap to the next one
      micros.merge(names.get(samples.get(i - 1).getAsLong()), deltas.get(i).getAsLong(), Long::sum);
    }
    out.println(
        "  timeline redraws [at, took ms]: "
            + browser.executeScript("return JSON.stringify(window.redraws)"));
    long total = micros.values().stream().mapToLong(Long::longValue).sum();
    out.printf("  profile: %d ms sampled, by self time:%n", total / 1000);
    List<Map.Entry<String, Long>> busiest =
        micros.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(top)
            .toList();
    for (Map.Entry<String, Long> e : busiest) {
      out.printf("  %6d ms  %s%n", e.getValue() / 1000, e.getKey());
    }
    // the callers of the busiest three, each by the path that leads to it
    for (Map.Entry<String, Long> e : busiest.subList(0, Math.min(4, busiest.size()))) {
      Map<String, Long> paths = new HashMap<>();
      for (int i = 1; i < samples.size(); i++) {
        long node = samples.get(i - 1).getAsLong();
        if (!e.getKey().equals(names.get(node))) {
          continue;
        }
        StringBuilder path = new StringBuilder();
        for (Long p = parents.get(node); p != null; p = parents.get(p)) {
          path.append(" < ").append(names.get(p).replaceAll(" vis-timeline.*", ""));
        }
        paths.merge(path.toString(), deltas.get(i).getAsLong(), Long::sum);
      }
      paths.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(3)
          .forEach(
              p -> out.printf("    %6d ms %s%s%n", p.getValue() / 1000, e.getKey(), p.getKey()));
    }
  }
}
