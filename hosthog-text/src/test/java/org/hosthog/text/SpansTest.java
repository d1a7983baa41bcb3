package org.hosthog.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpansTest {
  @Test
  void aDurationReadsAsTheConfigWritesIt() {
    assertEquals("7d", Spans.text(Duration.ofDays(7)));
    assertEquals("36h", Spans.text(Duration.ofHours(36)));
    assertEquals("1h30m", Spans.text(Duration.ofMinutes(90)));
    assertEquals("45m", Spans.text(Duration.ofMinutes(45)));
    assertEquals("0m", Spans.text(Duration.ofSeconds(29)));
    assertEquals(
        "8d", Spans.text(Duration.ofDays(8).minusMillis(120)), "a claim's \"now\" moved on");
    assertEquals("24h1m", Spans.text(Duration.ofMinutes(24 * 60 + 1)));
  }
}
