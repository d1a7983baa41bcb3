package org.hosthog.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.hosthog.api.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every WHEN and DURATION form of DESIGN.md, good and bad, against fixed clocks in Europe/Berlin.
 *
 * <p>Clocks: {@code nov} = Fri 2026-11-27 21:30 CET; {@code spring} = Sat 2026-03-28 12:00 CET, the
 * day before clocks go 02:00 -> 03:00; {@code fall} = Sat 2026-10-24 12:00 CEST, the day before
 * 03:00 -> 02:00. An expected value starting with {@code !} is a fragment of the error message.
 */
class TimeGrammarTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static TimeGrammar grammar(String clock) {
    String now =
        switch (clock) {
          case "nov" -> "2026-11-27T21:30:00+01:00";
          case "spring" -> "2026-03-28T12:00:00+01:00";
          case "fall" -> "2026-10-24T12:00:00+02:00";
          default -> throw new IllegalArgumentException(clock);
        };
    return new TimeGrammar(Clock.fixed(OffsetDateTime.parse(now).toInstant(), BERLIN), BERLIN);
  }

  @ParameterizedTest(name = "[{0}] {1} ''{2}'' -> {3}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      textBlock =
          """
          nov|start|now|2026-11-27T21:30+01:00
          nov|start|NOW|2026-11-27T21:30+01:00
          nov|start|  now  |2026-11-27T21:30+01:00
          nov|end|now|2026-11-27T21:30+01:00
          nov|start|22:00|2026-11-27T22:00+01:00
          nov|start|21:00|2026-11-28T21:00+01:00
          nov|start|21:30|2026-11-27T21:30+01:00
          nov|start|9:05|2026-11-28T09:05+01:00
          nov|start|00:00|2026-11-28T00:00+01:00
          nov|end|23:59|2026-11-27T23:59+01:00
          nov|start|today|2026-11-27T21:30+01:00
          nov|end|today|2026-11-28T00:00+01:00
          nov|start|today 23:00|2026-11-27T23:00+01:00
          nov|start|tomorrow|2026-11-28T00:00+01:00
          nov|end|tomorrow|2026-11-29T00:00+01:00
          nov|start|tomorrow 09:00|2026-11-28T09:00+01:00
          nov|start|Tomorrow   9:00|2026-11-28T09:00+01:00
          nov|start|fri|2026-11-27T21:30+01:00
          nov|end|fri|2026-11-28T00:00+01:00
          nov|start|fri 09:00|2026-12-04T09:00+01:00
          nov|start|fri 23:00|2026-11-27T23:00+01:00
          nov|start|mon|2026-11-30T00:00+01:00
          nov|start|monday 10:00|2026-11-30T10:00+01:00
          nov|start|sat|2026-11-28T00:00+01:00
          nov|end|sun|2026-11-30T00:00+01:00
          nov|start|tue 14:30|2026-12-01T14:30+01:00
          nov|start|Wednesday|2026-12-02T00:00+01:00
          nov|end|thu|2026-12-04T00:00+01:00
          nov|start|2026-12-15|2026-12-15T00:00+01:00
          nov|end|2026-12-15|2026-12-16T00:00+01:00
          nov|start|2026-12-15 18:00|2026-12-15T18:00+01:00
          nov|start|2026-12-15 18:00:30|2026-12-15T18:00:30+01:00
          nov|start|2026-12-15T18:00|2026-12-15T18:00+01:00
          nov|start|2026-12-15T18:00:00Z|2026-12-15T19:00+01:00
          nov|start|2026-12-15t18:00:00z|2026-12-15T19:00+01:00
          nov|start|2026-12-15T18:00+01:00|2026-12-15T18:00+01:00
          nov|start|2026-07-01T12:00-05:00|2026-07-01T19:00+02:00
          nov|start|+2h|2026-11-27T23:30+01:00
          nov|start|in 2h|2026-11-27T23:30+01:00
          nov|start|in 90m|2026-11-27T23:00+01:00
          nov|end|+1d|2026-11-28T21:30+01:00
          nov|end|+1h30m|2026-11-27T23:00+01:00
          nov|end|in 1w|2026-12-04T21:30+01:00
          nov|end|in 45 minutes|2026-11-27T22:15+01:00
          nov|start|24:00|!no valid time of day
          nov|start|12:60|!no valid time of day
          nov|start|2026-12-15 25:00|!no valid time of day
          nov|start|2026-02-30|!not a valid date
          nov|start|2026-13-01|!not a valid date
          nov|start|yesterday|!could not understand the time 'yesterday'
          nov|start|next friday|!could not understand the time
          nov|start|fri 9|!could not understand the time
          nov|start|2026-12-15T99:00|!could not understand the time
          nov|start|tomorrow at noon|!could not understand the time
          nov|start|''|!missing
          nov|start|+0h|!not a positive duration
          nov|start|in|!could not understand the time
          nov|start|+2x|!could not understand the duration '2x'
          nov|start|1700000000|!could not understand the time
          spring|end|+1d|2026-03-29T12:00+02:00
          spring|end|+24h|2026-03-29T13:00+02:00
          spring|start|tomorrow 02:30|2026-03-29T03:30+02:00
          spring|start|2026-03-29 02:30|2026-03-29T03:30+02:00
          spring|end|tomorrow|2026-03-30T00:00+02:00
          fall|start|2026-10-25 02:30|2026-10-25T02:30+02:00
          fall|end|+1d|2026-10-25T12:00+01:00
          fall|end|+24h|2026-10-25T11:00+01:00
          fall|end|tomorrow|2026-10-26T00:00+01:00
          """)
  void when(String clock, String role, String input, String expected) {
    TimeGrammar g = grammar(clock);
    if (expected.startsWith("!")) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> parse(g, role, input),
              "should reject '" + input + "'");
      assertTrue(e.getMessage().contains(expected.substring(1)), e.getMessage());
      if (e.getMessage().contains("could not understand the time")) {
        assertTrue(
            e.getMessage().contains("tomorrow 09:00"), "shows valid examples: " + e.getMessage());
      }
    } else {
      assertEquals(OffsetDateTime.parse(expected).toInstant(), parse(g, role, input));
    }
  }

  private static java.time.Instant parse(TimeGrammar g, String role, String input) {
    return role.equals("end") ? g.end(input) : g.start(input);
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          90s|1m30s
          5m|5m
          2h|2h
          3d|3d
          1w|7d
          1h30m|1h30m
          1d12h|1d12h
          PT2H|2h
          pt45m|45m
          P1DT2H|1d2h
          P2W|14d
          1 h 30 min|1h30m
          2 hours|2h
          3 days|3d
          0m|!not a positive duration
          -5m|!could not understand the duration
          5|!could not understand the duration
          1y|!could not understand the duration
          P1M|!years and months are not supported
          abc|!could not understand the duration
          1h30|!could not understand the duration
          PT|!could not understand the duration
          """)
  void duration(String input, String expected) {
    if (expected.startsWith("!")) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> TimeGrammar.parseDuration(input));
      assertTrue(e.getMessage().contains(expected.substring(1)), e.getMessage());
    } else {
      assertEquals(expected, TimeGrammar.parseDuration(input).toString());
    }
  }
}
