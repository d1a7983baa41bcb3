package org.hosthog.sync.caldav;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.util.CompatibilityHints;
import org.hosthog.api.Claim;
import org.hosthog.api.Reservation;
import org.hosthog.api.Text;

/**
 * Turns reservations into iCalendar events and calendar events into {@link RemoteEvent}s (ical4j).
 */
final class EventCodec {
  static final String X_HOST = "X-HOSTHOG-HOST";
  static final String X_OWNER = "X-HOSTHOG-OWNER";
  static final String X_RESOURCES = "X-HOSTHOG-RESOURCES";
  static final String X_MODE = "X-HOSTHOG-MODE";
  static final String X_ID = "X-HOSTHOG-ID";
  static final String X_UUID = "X-HOSTHOG-UUID";

  static {
    // Zone rules come from the JDK: a daemon does not fetch zone definitions from the internet
    // (ical4j's tzurl.org updater) in the middle of a sync. An admin may still turn it on.
    if (System.getProperty("net.fortuna.ical4j.timezone.update.enabled") == null) {
      System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
    }
    // Events come from Nextcloud, Thunderbird, phones: read what they write, as DAVx5 does.
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
  }

  private final ZoneId zone;

  /**
   * @param zone the host's zone, for floating times and all-day events
   */
  EventCodec(ZoneId zone) {
    this.zone = zone;
  }

  /** The calendar object for reservation {@code r}, under the event UID {@code uid}. */
  String render(Reservation r, String uid) {
    VEvent e = new VEvent(r.start(), r.end(), Summary.render(r));
    e.replace(new DtStamp(r.updated()));
    e.add(new Uid(uid));
    e.add(new Created(r.created()));
    e.add(new LastModified(r.updated()));
    e.add(new Location(r.host()));
    e.add(new Description(description(r)));
    e.add(new XProperty(X_HOST, r.host()));
    e.add(new XProperty(X_OWNER, r.owner()));
    e.add(new XProperty(X_ID, Long.toString(r.id())));
    e.add(new XProperty(X_UUID, r.uuid().toString())); // events people created keep their own UID
    e.add(
        new XProperty(
            X_RESOURCES,
            r.claims().stream().map(c -> c.resource().text()).collect(Collectors.joining(" "))));
    e.add(
        new XProperty(
            X_MODE,
            r.claims().stream().map(c -> c.mode().text()).collect(Collectors.joining(" "))));
    Calendar c =
        new Calendar()
            .add(new ProdId("-//hosthog//hosthog calendar sync//EN"))
            .add(ImmutableVersion.VERSION_2_0);
    c.add(e);
    return c.toString();
  }

  private static String description(Reservation r) {
    StringBuilder d = new StringBuilder();
    if (!r.message().isBlank()) {
      d.append(r.message()).append("\n\n");
    }
    d.append("hosthog reservation ")
        .append(r.id())
        .append(" on ")
        .append(r.host())
        .append(" by ")
        .append(r.owner())
        .append(": ");
    d.append(r.claims().stream().map(Claim::toString).collect(Collectors.joining(", ")))
        .append(".\n");
    d.append("Details on the host: hosthog show ").append(r.id()).append("\n");
    d.append("Move or retitle this event to change the reservation; delete it to release it.");
    return d.toString();
  }

  /**
   * Reads one calendar object resource.
   *
   * @throws Unreadable when it is not iCalendar, holds no single event, repeats, or lacks times
   */
  RemoteEvent parse(String ics) {
    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new StringReader(ics));
    } catch (ParserException | IOException | RuntimeException e) {
      throw new Unreadable("not valid iCalendar (" + oneLine(e.getMessage()) + ")");
    }
    List<VEvent> events = new ArrayList<>();
    for (CalendarComponent c : calendar.<CalendarComponent>getComponents()) {
      if (c instanceof VEvent v) {
        events.add(v);
      }
    }
    if (events.isEmpty()) {
      throw new Unreadable("holds no event (VEVENT)");
    }
    VEvent e = events.get(0);
    if (events.size() > 1 || has(e, "RDATE") || has(e, "RECURRENCE-ID")) {
      throw new Unreadable(
          "is a repeating event with dates or occurrences of its own (RDATE, changed"
              + " occurrences); hosthog takes a plain rule (every day, weekday, week, N days, N"
              + " weeks) or one event per reservation");
    }
    String uid = text(e, "UID").orElseThrow(() -> new Unreadable("has no UID"));
    Temporal startDate =
        e.<DtStart<Temporal>>getProperty(Property.DTSTART)
            .map(DtStart::getDate)
            .orElseThrow(() -> new Unreadable("has no start (DTSTART)"));
    Instant start = instant(startDate, zone);
    Optional<Temporal> endDate = e.getEndDate(true).map(p -> p.getDate());
    Instant end =
        endDate
            .map(this::endInstant)
            .orElseGet(
                () ->
                    startDate instanceof LocalDate d
                        ? d.plusDays(1)
                            .atStartOfDay(zone)
                            .toInstant() // RFC 5545: an all-day event without end lasts the day
                        : start);
    if (!end.isAfter(start)) {
      throw new Unreadable("ends before it starts (or has no end): give it a duration");
    }
    Optional<Instant> modified =
        e.getProperty("LAST-MODIFIED")
            .or(() -> e.getProperty("DTSTAMP"))
            .flatMap(
                p ->
                    p instanceof net.fortuna.ical4j.model.property.DateProperty<?> dp
                        ? Optional.of(instant(dp.getDate(), zone))
                        : Optional.empty());
    List<String> identities = new ArrayList<>();
    e.getProperties("ORGANIZER").forEach(p -> identities.add(identity(p)));
    e.getProperties("ATTENDEE").forEach(p -> identities.add(identity(p)));
    identities.removeIf(String::isEmpty);
    // people typed the title: it reaches terminals through hosthog sync and the reservation's
    // message
    String summary = Text.sanitize(text(e, "SUMMARY").orElse(""));
    Optional<UUID> reservation =
        text(e, X_UUID).or(() -> Optional.of(uid)).flatMap(EventCodec::uuid);
    return new RemoteEvent(
        uid,
        summary,
        start,
        end,
        modified,
        identities,
        text(e, X_HOST),
        reservation,
        text(e, "RRULE"));
  }

  private Instant endInstant(Temporal t) {
    return t instanceof LocalDate d ? d.atStartOfDay(zone).toInstant() : instant(t, zone);
  }

  /** A time as ical4j read it; a floating one is on the host's wall clock ({@code zone}). */
  static Instant instant(Temporal t, ZoneId zone) {
    if (t instanceof Instant i) {
      return i;
    }
    if (t instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (t instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (t instanceof LocalDateTime l) {
      return l.atZone(zone).toInstant(); // floating time: the host's wall clock
    }
    if (t instanceof LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
    throw new Unreadable("has a time hosthog cannot read: " + t);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean has(VEvent e, String name) {
    return e.getProperty(name).isPresent();
  }

  private static Optional<String> text(VEvent e, String name) {
    return e.<Property>getProperty(name)
        .map(Property::getValue)
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  private static String identity(Property p) {
    String v = p.getValue() == null ? "" : p.getValue().strip();
    if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
      v = v.substring(7);
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static String oneLine(String s) {
    return s == null ? "unreadable" : s.replaceAll("\\s+", " ").strip();
  }
}
