package org.hosthog.sync.caldav;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.hosthog.api.Reservation;
import org.hosthog.api.Series;

/**
 * A series as one recurring calendar event (RFC 5545), as Nextcloud and Thunderbird write them: a
 * master with the rule from the first slot and its {@code COUNT}, an {@code EXDATE} for each slot
 * with no live occurrence (released, or skipped when the series was made), and an override ({@code
 * RECURRENCE-ID}) for each live occurrence that differs from the master. Times carry the host's
 * {@code TZID} with its {@code VTIMEZONE}, so a calendar keeps their wall-clock time across
 * daylight-saving changes as the host does.
 *
 * <p>Written by {@link SeriesSync}.
 */
final class SeriesEvents {
  static final String X_SERIES = "X-HOSTHOG-SERIES";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final ZoneId zone;

  SeriesEvents(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The calendar object of the series {@code occurrences} belong to (every one stored, released
   * ones too), under the event UID {@code uid}; empty when none is live (the event goes away).
   */
  Optional<String> render(List<Reservation> occurrences, String uid) {
    List<Reservation> live =
        occurrences.stream()
            .filter(r -> r.released().isEmpty())
            .sorted(Comparator.comparingInt(r -> r.series().orElseThrow().index()))
            .toList();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    Reservation model = live.get(0); // the master looks like the earliest live occurrence
    Series series = model.series().orElseThrow();
    Duration length = Duration.between(local(model.start()), local(model.end()));
    List<ZonedDateTime> slots = slots(series);
    Map<Integer, Reservation> byPlace =
        live.stream()
            .collect(Collectors.toMap(r -> r.series().orElseThrow().index(), Function.identity()));

    VEvent master = event(model, uid, slots.get(0), slots.get(0).toLocalDateTime().plus(length));
    // the rule ends with the last live occurrence: a series released from some day on ends there
    int last = live.stream().mapToInt(r -> r.series().orElseThrow().index()).max().orElseThrow();
    master.add(
        new RRule<>(new Recur<ZonedDateTime>(Series.rrule(series.every()) + ";COUNT=" + last)));
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < last; i++) {
      if (!byPlace.containsKey(i + 1)) {
        gone.add(text(slots.get(i)));
      }
    }
    if (!gone.isEmpty()) {
      master.add(new ExDate<>(tz(), String.join(",", gone)));
    }
    master.add(new XProperty(X_SERIES, series.id().toString()));
    Calendar c =
        new Calendar()
            .add(new ProdId("-//hosthog//hosthog calendar sync//EN"))
            .add(ImmutableVersion.VERSION_2_0);
    zoneRules().ifPresent(tz -> c.add(tz.getVTimeZone()));
    c.add(master);
    for (Reservation r : live) {
      ZonedDateTime slot = slots.get(r.series().orElseThrow().index() - 1);
      boolean asTheRule =
          r.start().equals(slot.toInstant())
              && local(r.end()).equals(slot.toLocalDateTime().plus(length))
              && r.message().equals(model.message())
              && r.claims().equals(model.claims());
      if (!asTheRule) {
        VEvent override = event(r, uid, r.start().atZone(zone), local(r.end()));
        override.add(new RecurrenceId<>(tz(), text(slot)));
        c.add(override);
      }
    }
    return Optional.of(c.toString());
  }

  /**
   * What the calendar holds of a series' event: the starts it excludes (EXDATE) and the occurrences
   * it moved (RECURRENCE-ID to their new span).
   *
   * @param excluded the original starts of the occurrences deleted there
   * @param moved the original start of each override, to its span
   */
  record Remote(Set<Instant> excluded, Map<Instant, Span> moved) {}

  /** An occurrence's span in the calendar. */
  record Span(Instant start, Instant end) {}

  /**
   * Reads the recurring event of a series as a calendar left it.
   *
   * @throws Unreadable when it is not iCalendar or holds no recurring event
   */
  Remote read(String ics) {
    Calendar c;
    try {
      c = new CalendarBuilder().build(new StringReader(ics));
    } catch (ParserException | IOException | RuntimeException e) {
      throw new Unreadable("not valid iCalendar (" + e.getMessage() + ")");
    }
    Set<Instant> excluded = new HashSet<>();
    Map<Instant, Span> moved = new HashMap<>();
    boolean master = false;
    for (VEvent e : c.<VEvent>getComponents(Component.VEVENT)) {
      Optional<RecurrenceId<Temporal>> id = e.getProperty(Property.RECURRENCE_ID);
      if (id.isPresent()) {
        Temporal start =
            e.<DtStart<Temporal>>getProperty(Property.DTSTART)
                .orElseThrow(() -> new Unreadable("an override has no start (DTSTART)"))
                .getDate();
        Temporal end =
            e.getEndDate(true)
                .orElseThrow(() -> new Unreadable("an override has no end (DTEND)"))
                .getDate();
        moved.put(
            EventCodec.instant(id.get().getDate(), zone),
            new Span(EventCodec.instant(start, zone), EventCodec.instant(end, zone)));
        continue;
      }
      master |= e.getProperty(Property.RRULE).isPresent();
      for (ExDate<Temporal> x : e.<ExDate<Temporal>>getProperties(Property.EXDATE)) {
        for (Temporal t : x.getDates()) {
          excluded.add(EventCodec.instant(t, zone));
        }
      }
    }
    if (!master) {
      throw new Unreadable("the recurring event has no rule (RRULE) any more");
    }
    return new Remote(excluded, moved);
  }

  /** Where the rule placed occurrence {@code r}: its RECURRENCE-ID. */
  Instant slot(Reservation r) {
    Series s = r.series().orElseThrow();
    return slots(s).get(s.index() - 1).toInstant();
  }

  /** Where the rule places each occurrence, as a calendar expands it. */
  private List<ZonedDateTime> slots(Series s) {
    ZonedDateTime first = s.first().atZone(zone);
    return new Recur<ZonedDateTime>(s.rrule()).getDates(first, first, first.plusYears(2));
  }

  private VEvent event(Reservation r, String uid, ZonedDateTime start, LocalDateTime end) {
    VEvent e = new VEvent();
    e.replace(new DtStamp(r.updated())); // a new event comes with one stamped now
    e.add(new Uid(uid));
    e.add(new DtStart<>(tz(), text(start)));
    e.add(new DtEnd<>(tz(), text(end.atZone(zone))));
    e.add(new net.fortuna.ical4j.model.property.Summary(Summary.render(r)));
    e.add(new XProperty(EventCodec.X_HOST, r.host()));
    e.add(new XProperty(EventCodec.X_OWNER, r.owner()));
    e.add(new XProperty(EventCodec.X_ID, Long.toString(r.id())));
    e.add(new XProperty(EventCodec.X_UUID, r.uuid().toString()));
    return e;
  }

  /** The zone's TZID, or none when iCalendar's zone list lacks it (then times are in UTC). */
  private ParameterList tz() {
    return zoneRules().isPresent()
        ? new ParameterList(List.of(new TzId(zone.getId())))
        : new ParameterList();
  }

  private String text(ZonedDateTime t) {
    return zoneRules().isPresent()
        ? LOCAL.format(t.withZoneSameInstant(zone))
        : LOCAL.format(t.withZoneSameInstant(ZoneOffset.UTC)) + "Z";
  }

  private Optional<net.fortuna.ical4j.model.TimeZone> zoneRules() {
    return Optional.ofNullable(REGISTRY.getTimeZone(zone.getId()));
  }

  private static final TimeZoneRegistry REGISTRY =
      TimeZoneRegistryFactory.getInstance().createRegistry();

  private LocalDateTime local(Instant t) {
    return LocalDateTime.ofInstant(t, zone);
  }
}
