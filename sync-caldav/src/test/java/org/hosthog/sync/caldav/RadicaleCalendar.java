package org.hosthog.sync.caldav;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.hosthog.tck.CalendarSyncContract;

/**
 * One Radicale calendar, used the way a person's calendar app uses it: plain HTTP, hand-written
 * iCalendar.
 */
public final class RadicaleCalendar implements CalendarSyncContract.PeopleCalendar {
  static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern HREF =
      Pattern.compile("<(?:[A-Za-z]+:)?href>([^<]+)</(?:[A-Za-z]+:)?href>");

  private final Radicale server;
  private final URI calendar;

  public RadicaleCalendar(Radicale server, URI calendar) {
    this.server = server;
    this.calendar = calendar;
  }

  public URI uri() {
    return calendar;
  }

  /**
   * A calendar object as Thunderbird or Nextcloud would write it (organizer, DTSTAMP,
   * LAST-MODIFIED).
   */
  static String ics(String uid, String title, Instant start, Instant end, String organizer) {
    String now = UTC.format(Instant.now());
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//People's calendar app//EN\r\nBEGIN:VEVENT\r\n"
        + "UID:"
        + uid
        + "\r\nDTSTAMP:"
        + now
        + "\r\nLAST-MODIFIED:"
        + now
        + "\r\nCREATED:"
        + now
        + "\r\n"
        + "DTSTART:"
        + UTC.format(start)
        + "\r\nDTEND:"
        + UTC.format(end)
        + "\r\n"
        + "SUMMARY:"
        + title.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        + "\r\n"
        + (organizer == null ? "" : "ORGANIZER;CN=Someone:mailto:" + organizer + "\r\n")
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  @Override
  public String create(String title, Instant start, Instant end, String organizerEmail) {
    String uid = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    return createRaw(ics(uid, title, start, end, organizerEmail));
  }

  @Override
  public String createRaw(String body) {
    URI item = calendar.resolve(UUID.randomUUID() + ".ics");
    HttpResponse<String> r = send("PUT", item, body, Map.of("If-None-Match", "*"));
    expect(r, 201);
    return item.getPath();
  }

  /** Replaces an event's body as an app would after editing it (If-Match on its ETag). */
  void replace(String handle, java.util.function.UnaryOperator<String> edit) {
    URI item = calendar.resolve(handle);
    HttpResponse<String> got = send("GET", item, null, Map.of());
    expect(got, 200);
    String etag = got.headers().firstValue("ETag").orElseThrow();
    expect(send("PUT", item, edit.apply(got.body()), Map.of("If-Match", etag)), 201, 204);
  }

  @Override
  public void move(String handle, Instant start, Instant end) {
    String now = UTC.format(Instant.now());
    replace(
        handle,
        body ->
            body.replaceAll("(?m)^DTSTART[^\\r\\n]*", "DTSTART:" + UTC.format(start))
                .replaceAll("(?m)^DTEND[^\\r\\n]*", "DTEND:" + UTC.format(end))
                .replaceAll("(?m)^DURATION[^\\r\\n]*\\r?\\n", "")
                .replaceAll("(?m)^LAST-MODIFIED[^\\r\\n]*", "LAST-MODIFIED:" + now)
                .replaceAll("(?m)^DTSTAMP[^\\r\\n]*", "DTSTAMP:" + now));
  }

  /** The calendar object resource as the server gives it back. */
  String raw(String handle) {
    HttpResponse<String> got = send("GET", calendar.resolve(handle), null, Map.of());
    expect(got, 200);
    return got.body();
  }

  @Override
  public void delete(String handle) {
    expect(send("DELETE", calendar.resolve(handle), null, Map.of()), 200, 204);
  }

  @Override
  public List<CalendarSyncContract.Event> events() {
    HttpResponse<String> list =
        send(
            "PROPFIND",
            calendar,
            "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>",
            Map.of("Depth", "1"));
    expect(list, 207);
    List<CalendarSyncContract.Event> out = new ArrayList<>();
    Matcher m = HREF.matcher(list.body());
    while (m.find()) {
      String href = m.group(1);
      if (href.endsWith("/")) {
        continue;
      }
      HttpResponse<String> got = send("GET", calendar.resolve(href), null, Map.of());
      expect(got, 200);
      try {
        Calendar c = new CalendarBuilder().build(new StringReader(got.body()));
        VEvent e = c.<VEvent>getComponents("VEVENT").get(0);
        Instant start =
            instant(e.<DtStart<Temporal>>getProperty(Property.DTSTART).orElseThrow().getDate());
        Instant end = instant(e.getEndDate(true).orElseThrow().getDate());
        out.add(
            new CalendarSyncContract.Event(
                href,
                e.<Property>getProperty(Property.SUMMARY).map(Property::getValue).orElse(""),
                start,
                end));
      } catch (Exception ex) {
        out.add(new CalendarSyncContract.Event(href, "(unreadable)", Instant.EPOCH, Instant.EPOCH));
      }
    }
    return out;
  }

  private static Instant instant(Temporal t) {
    return t instanceof Instant i ? i : java.time.OffsetDateTime.from(t).toInstant();
  }

  @Override
  public void goAway() {
    try {
      server.down();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void comeBack() {
    try {
      server.up();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> send(String method, URI uri, String body, Map<String, String> headers) {
    try {
      return server.send(method, uri, body, headers);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(method + " " + uri + ": " + e, e);
    }
  }

  static void expect(HttpResponse<String> r, int... statuses) {
    for (int s : statuses) {
      if (r.statusCode() == s) {
        return;
      }
    }
    throw new AssertionError(
        r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
  }
}
