package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Prometheus' own checker for the text format ({@code promtool}, Debian's prometheus package). */
final class PromTool {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private PromTool() {}

  /** Runs {@code promtool check metrics} on {@code text}; fails the test on any complaint. */
  static void check(String text) throws Exception {
    if (System.getenv("HOSTHOG_REQUIRE_PEERS") == null) {
      assumeTrue(Files.isExecutable(PROMTOOL), "needs promtool: apt-get install prometheus");
    }
    assertTrue(
        Files.isExecutable(PROMTOOL), "HOSTHOG_REQUIRE_PEERS is set but promtool is missing");
    Process p =
        new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), "promtool check metrics: " + said + "\n" + text);
  }

  /** The samples, by name and labels as written ({@code name{a="b"}}), without comments. */
  static Map<String, Double> samples(String text) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }
}
