package org.hosthog.server.feeds;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hosthog.server.database.ReplicaRows;

/**
 * A user's reservations as an iCalendar feed (RFC 5545), for their own calendar app: read-only,
 * behind a token in the URL that they can replace or revoke.
 */
public final class ICalendarFeed {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ICalendarFeed() {}

  public static String of(String user, List<ReplicaRows.Stored> reservations, Instant now) {
    StringBuilder s = new StringBuilder();
    line(s, "BEGIN:VCALENDAR");
    line(s, "VERSION:2.0");
    line(s, "PRODID:-//hosthog//fleet calendar//EN");
    line(s, "X-WR-CALNAME:" + text("hosthog: " + user));
    for (ReplicaRows.Stored r : reservations) {
      JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
      StringBuilder resources = new StringBuilder();
      for (JsonElement c : o.getAsJsonArray("claims")) {
        resources.append(resources.length() == 0 ? "" : " ");
        resources.append(c.getAsJsonObject().get("resource").getAsString());
      }
      String message = o.get("message").getAsString();
      line(s, "BEGIN:VEVENT");
      line(s, "UID:" + r.uuid() + "@hosthog");
      line(s, "DTSTAMP:" + UTC.format(now));
      line(s, "DTSTART:" + UTC.format(r.start()));
      line(s, "DTEND:" + UTC.format(r.end()));
      line(s, "SUMMARY:" + text("[" + r.host() + "] " + resources + " — " + message));
      line(
          s,
          "DESCRIPTION:" + text(message + "\nhosthog show " + r.id() + " (on " + r.host() + ")"));
      line(s, "END:VEVENT");
    }
    line(s, "END:VCALENDAR");
    return s.toString();
  }

  /** A TEXT value: escaped, control characters dropped (RFC 5545, 3.3.11). */
  public static String text(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        default -> {
          if (c >= 0x20 && c != 0x7f) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A content line, folded so no line is longer than 75 octets, ending in CRLF. */
  private static void line(StringBuilder s, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        s.append("\r\n ");
        octets = 1;
      }
      s.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    s.append("\r\n");
  }
}
