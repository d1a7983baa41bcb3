package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {
  private final EventCodec codec = new EventCodec(ZoneId.of("Europe/Berlin"));

  private static String event(String... lines) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20260101T000000Z\r\n"
        + String.join("\r\n", lines)
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  @Test
  void aReservationRoundTripsThroughItsEvent() {
    Instant t = Instant.parse("2026-12-01T09:00:00Z");
    Reservation r =
        new Reservation(
            42,
            UUID.randomUUID(),
            "gpu-box",
            "alice",
            List.of(Claim.of(Resource.parse("gpu:0-3"))),
            t,
            t.plusSeconds(7200),
            "deadline; big, run\nline two",
            t,
            t.plusSeconds(60),
            "alice",
            Optional.empty());
    String ics = codec.render(r, r.uuid().toString());
    assertTrue(
        ics.contains("X-HOSTHOG-HOST:gpu-box")
            && ics.contains("X-HOSTHOG-OWNER:alice")
            && ics.contains("X-HOSTHOG-RESOURCES:gpu:0-3")
            && ics.contains("X-HOSTHOG-MODE:exclusive")
            && ics.contains("hosthog show 42"),
        ics);
    RemoteEvent e = codec.parse(ics);
    assertEquals(r.uuid().toString(), e.uid());
    assertEquals(Optional.of(r.uuid()), e.reservation());
    assertEquals(t, e.start());
    assertEquals(t.plusSeconds(7200), e.end());
    assertEquals(Summary.render(r), e.summary());
    assertEquals(Optional.of("gpu-box"), e.host());
    assertEquals(Optional.of(t.plusSeconds(60)), e.modified());
    assertEquals(
        ics, codec.render(r, r.uuid().toString()), "rendering is deterministic (no 'now' inside)");
  }

  /** start | end lines | expected start | expected end */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DTSTART:20261201T090000Z | DTEND:20261201T100000Z | 2026-12-01T09:00:00Z | 2026-12-01T10:00:00Z",
        "DTSTART;TZID=Europe/Berlin:20261201T090000 | DURATION:PT2H | 2026-12-01T08:00:00Z | 2026-12-01T10:00:00Z",
        "DTSTART:20261201T090000 | DTEND:20261201T093000 | 2026-12-01T08:00:00Z | 2026-12-01T08:30:00Z",
        "DTSTART;VALUE=DATE:20261201 | DTEND;VALUE=DATE:20261203 | 2026-11-30T23:00:00Z | 2026-12-02T23:00:00Z",
        "DTSTART;VALUE=DATE:20260701 | X-NO-END:1 | 2026-06-30T22:00:00Z | 2026-07-01T22:00:00Z",
      })
  void timesAreReadInEveryFormCalendarsWrite(String start, String end, String from, String to) {
    RemoteEvent e = codec.parse(event(start, end, "SUMMARY:gpu:0 x"));
    assertEquals(Instant.parse(from), e.start());
    assertEquals(Instant.parse(to), e.end());
  }

  @Test
  void organizerAndAttendeesAreIdentities() {
    RemoteEvent e =
        codec.parse(
            event(
                "DTSTART:20261201T090000Z",
                "DURATION:PT1H",
                "SUMMARY:gpu:0 x",
                "ORGANIZER;CN=Alice:MAILTO:Alice@Example.org",
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.org"));
    assertEquals(List.of("alice@example.org", "bob@example.org"), e.identities());
  }

  @Test
  void hostileTitlesAreSanitised() {
    RemoteEvent e =
        codec.parse(
            event(
                "DTSTART:20261201T090000Z",
                "DURATION:PT1H",
                "SUMMARY:gpu:0 \u001b]0;owned\u0007\u001b[2Jhi\u202e"));
    for (String bad : List.of("\u001b", "\u0007", "\u202e")) {
      assertFalse(e.summary().contains(bad), e.summary());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BEGIN:VCALENDAR                                                          | not valid iCalendar",
        "garbage                                                                  | not valid iCalendar",
        "BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:x\\r\\nEND:VCALENDAR\\r\\n | no event",
      })
  void unusableObjectsSayWhy(String ics, String reason) {
    Unreadable u = assertThrows(Unreadable.class, () -> codec.parse(ics.replace("\\r\\n", "\r\n")));
    assertTrue(u.getMessage().contains(reason), u.getMessage());
  }

  @Test
  void unusableEventsSayWhy() {
    assertTrue(
        assertThrows(
                Unreadable.class,
                () ->
                    codec.parse(
                        event(
                            "DTSTART:20261201T090000Z",
                            "DURATION:PT1H",
                            "RDATE:20261203T090000Z",
                            "SUMMARY:gpu:0")))
            .getMessage()
            .contains("repeating"));
    assertTrue(
        assertThrows(
                Unreadable.class,
                () ->
                    codec.parse(
                        event(
                            "DTSTART:20261201T090000Z", "DTEND:20261201T080000Z", "SUMMARY:gpu:0")))
            .getMessage()
            .contains("ends before it starts"));
    assertTrue(
        assertThrows(Unreadable.class, () -> codec.parse(event("SUMMARY:gpu:0")))
            .getMessage()
            .contains("no start"));
  }
}
