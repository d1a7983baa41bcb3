package org.hosthog.sync.caldav;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Reservations;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.sync.caldav.SyncState.Entry;

/**
 * A series in the calendar as one recurring event ({@link SeriesEvents}), kept by the series' id in
 * the sync state: written when any occurrence changed, deleted when none is live; deleting the
 * event in the calendar releases the series from its next occurrence on.
 *
 * <p>Changes made to the recurring event in the calendar (moving or deleting one occurrence) are
 * not taken yet: the calendar is shown the host's version again, with a notice.
 */
final class SeriesSync {
  private final CalDav dav;
  private final SeriesEvents events;
  private final SyncState state;
  private final Reservations reservations;
  private final Consumer<String> notice;
  private final Changes changes;

  SeriesSync(
      CalDav dav,
      SeriesEvents events,
      SyncState state,
      Reservations reservations,
      Consumer<String> notice,
      Changes changes) {
    this.dav = dav;
    this.events = events;
    this.state = state;
    this.reservations = reservations;
    this.notice = notice;
    this.changes = changes;
  }

  /** The occurrences among {@code local}, by series id. */
  static Map<UUID, List<Reservation>> bySeries(Iterable<Reservation> local) {
    Map<UUID, List<Reservation>> out = new LinkedHashMap<>();
    for (Reservation r : local) {
      r.series().ifPresent(s -> out.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(r));
    }
    return out;
  }

  /** What the calendar should show of a series: it changes whenever an occurrence does. */
  static long version(List<Reservation> occurrences) {
    return occurrences.stream().mapToLong(Changes::version).max().orElse(0);
  }

  /** Whether the calendar does not show series {@code id} as it is. */
  boolean pending(UUID id, List<Reservation> occurrences, Instant now) {
    Optional<Entry> e = state.of(id);
    return e.isEmpty()
        ? occurrences.stream().anyMatch(r -> r.released().isEmpty() && r.end().isAfter(now))
        : e.get().shown() != version(occurrences);
  }

  /** Writes series {@code id} if the calendar does not show it as it is; true if it wrote. */
  boolean push(URI calendar, UUID id, List<Reservation> occurrences, Instant now) {
    if (!pending(id, occurrences, now)) {
      return false;
    }
    Optional<Entry> entry = state.of(id);
    Optional<String> ics = events.render(occurrences, id.toString());
    long version = version(occurrences);
    if (entry.isEmpty()) {
      String href = calendar.getRawPath() + id + ".ics";
      try {
        String etag = dav.create(calendar, href, ics.orElseThrow()).orElse("");
        state.put(Entry.mine(href, etag, id, id.toString(), version));
      } catch (CalDav.Stale e) {
        state.put(Entry.mine(href, "", id, id.toString(), 0)); // there already: compare again
        throw e;
      }
      return true;
    }
    Entry e = entry.get();
    ics = events.render(occurrences, e.uid()); // an event made in the calendar keeps its UID
    if (ics.isEmpty()) {
      dav.delete(calendar, e.href(), e.etag());
      state.remove(e.href());
    } else {
      String etag = dav.update(calendar, e.href(), ics.get(), e.etag()).orElse("");
      state.put(e.withEtag(etag).showing(version));
    }
    return true;
  }

  /**
   * The calendar changed the recurring event of a series: an occurrence deleted there (EXDATE) is
   * released, one moved there (an override) is moved on the host, with the conflict rules; what the
   * host refuses is said. Anything else is not taken. Either way the calendar is then shown the
   * host's version again.
   */
  void changedInCalendar(
      Entry entry, String etag, String ics, List<Reservation> occurrences, Instant now) {
    List<String> said = new ArrayList<>();
    int taken = 0;
    try {
      SeriesEvents.Remote remote = events.read(ics);
      for (Reservation r : occurrences) {
        if (r.released().isPresent() || !r.end().isAfter(now)) {
          continue;
        }
        Instant slot = events.slot(r);
        Optional<Outcome> o = Optional.empty();
        if (remote.excluded().contains(slot)) {
          o = Optional.of(Changes.attempt(() -> reservations.release(Changes.owner(r), r.id())));
        } else if (remote.moved().containsKey(slot)) {
          SeriesEvents.Span span = remote.moved().get(slot);
          if (!span.start().equals(r.start()) || !span.end().equals(r.end())) {
            o =
                Optional.of(
                    Changes.attempt(
                        () ->
                            reservations.edit(
                                Changes.owner(r),
                                r.id(),
                                new EditRequest(
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.of(span.start()),
                                    Optional.of(span.end()),
                                    Optional.empty(),
                                    Optional.empty(),
                                    false))));
          }
        }
        if (o.isPresent() && o.get() instanceof Outcome.Granted) {
          taken++;
        } else if (o.isPresent()) {
          said.add(
              "occurrence "
                  + r.series().orElseThrow().place()
                  + " (reservation "
                  + r.id()
                  + "): "
                  + changes.describe(o.get()));
        }
      }
    } catch (Unreadable u) {
      said.add(u.getMessage());
    }
    if (!said.isEmpty()) {
      notice.accept(
          "the recurring event of series "
              + entry.uid()
              + " was changed in the calendar; refused on the host: "
              + String.join("; ", said)
              + "; the calendar shows the host's version again");
    } else if (taken == 0) {
      notice.accept(
          "the recurring event of series "
              + entry.uid()
              + " was changed in the calendar in a way the host does not take yet (only deleting or"
              + " moving single occurrences is; change the series with hosthog edit ID --series):"
              + " the calendar shows the host's version again");
    }
    state.put(entry.withEtag(etag).showing(0));
  }

  /** The recurring event was deleted: the series is released from its next occurrence on. */
  void deletedInCalendar(List<Reservation> occurrences, Instant now) {
    Optional<Reservation> next =
        occurrences.stream()
            .filter(r -> r.released().isEmpty() && r.end().isAfter(now))
            .min(Comparator.comparing(Reservation::start));
    if (next.isEmpty()) {
      return;
    }
    SeriesOutcome o = reservations.releaseSeries(Changes.owner(next.get()), next.get().id());
    if (!(o instanceof SeriesOutcome.Done)) {
      notice.accept(
          "the recurring event of series "
              + next.get().series().orElseThrow().id()
              + " was deleted, but releasing it was refused: "
              + (o instanceof Outcome.Denied d ? d.message() : o.toString()));
    }
  }

  /** The occurrences of {@code local} in series {@code id}. */
  static List<Reservation> of(UUID id, Collection<Reservation> local) {
    return local.stream()
        .filter(r -> r.series().map(s -> s.id().equals(id)).orElse(false))
        .toList();
  }
}
