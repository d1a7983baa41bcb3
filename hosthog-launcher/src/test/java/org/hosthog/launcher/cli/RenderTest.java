package org.hosthog.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderTest {
  /** Fri 2026-11-27 20:00 at +01:00. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T19:00:00Z"), ZoneOffset.UTC);

  private final Render render = new Render(CLOCK);

  private static Render.Row row(
      String state, String start, String end, String resources, String mode) {
    return new Render.Row(
        42,
        "alice",
        List.of(resources.split(" ")),
        mode,
        OffsetDateTime.parse(start),
        OffsetDateTime.parse(end),
        "deadline",
        state,
        "");
  }

  @ParameterizedTest(name = "{0} {1}..{2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          active|2026-11-27T18:00+01:00|2026-12-16T00:00+01:00|now until Tue 15 Dec 23:59 (18 days left)
          active|2026-11-27T18:00+01:00|2026-11-27T22:30+01:00|now until 22:30 (2 h 30 min left)
          planned|2026-11-27T20:05+01:00|2026-11-27T20:15+01:00|in 5 min: 20:05 – 20:15
          planned|2026-11-30T09:00+01:00|2026-11-30T17:00+01:00|in 3 days: Mon 09:00 – Mon 17:00
          released|2026-11-20T09:00+01:00|2026-11-20T17:00+01:00|Fri 20 Nov 09:00 – Fri 20 Nov 17:00 (released)
          ended|2025-11-20T09:00+01:00|2025-11-21T00:00+01:00|Thu 20 Nov 2025 09:00 – Thu 20 Nov 2025 23:59 (ended)
          """)
  void relativeTimes(String state, String start, String end, String expected) {
    assertEquals(expected, render.when(row(state, start, end, "gpu:0", "exclusive")));
  }

  @Test
  void historyTimesAreShownLikeEveryOtherTimeAtTheHostsOffset() {
    assertEquals(
        "gpu:0 (exclusive) from 09:00 to Mon 17:00",
        render.times(
            "gpu:0 (exclusive) from 2026-11-27T08:00:00Z to 2026-11-30T16:00:00Z",
            ZoneOffset.ofHours(1)));
    assertEquals(
        "end 22:30 -> 23:30; message changed",
        render.times(
            "end 2026-11-27T21:30:44.727918742Z -> 2026-11-27T22:30:00Z; message changed",
            ZoneOffset.ofHours(1)));
    assertEquals("released early", render.times("released early", ZoneOffset.UTC));
  }

  @Test
  void spans() {
    assertEquals("under a minute", Render.span(Duration.ofSeconds(0)));
    assertEquals("1 min", Render.span(Duration.ofSeconds(30)));
    assertEquals("89 min", Render.span(Duration.ofMinutes(89)));
    assertEquals("2 h", Render.span(Duration.ofHours(2)));
    assertEquals("47 h 59 min", Render.span(Duration.ofMinutes(47 * 60 + 59)));
    assertEquals("3 days", Render.span(Duration.ofHours(72)));
  }

  @Test
  void tablesAlignWideCharacters() {
    String table = Render.align(List.of(new String[] {"训练", "x"}, new String[] {"ab", "y"}));
    assertEquals("训练  x\nab    y", table);
  }

  @Test
  void anExclusiveWholeHostClaimStandsOut() {
    Render.Row r =
        row("planned", "2026-11-27T20:20+01:00", "2026-11-27T20:35+01:00", "host", "exclusive");
    String table = render.table(List.of(r));
    assertEquals(true, table.contains("EXCLUSIVE"), table);
  }
}
