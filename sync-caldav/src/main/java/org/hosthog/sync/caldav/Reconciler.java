package org.hosthog.sync.caldav;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.sync.caldav.SyncState.Entry;
import org.hosthog.sync.caldav.SyncState.Kind;

/**
 * One sync: pull the calendar's changes into the host's reservations, then push the host's changes
 * to the calendar. Per-item ETags decide what changed remotely, the reservation's {@code updated}
 * time what changed locally (vdirsyncer's lesson: sync tokens and ctags only decide whether to
 * look).
 *
 * <p>Calendar changes go through {@link Reservations} as the reservation's owner, so they meet the
 * same validation, conflict and notification rules as a CLI command.
 */
final class Reconciler {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

  /** How far back finished reservations are still kept in step. */
  static final Duration HISTORY = Duration.ofDays(7);

  private static final int CONFLICT_RETRIES = 3;

  /** A server that keeps answering "truncated" is not followed forever. */
  private static final int MAX_PAGES = 100;

  private final CalDav dav;
  private final EventCodec codec;
  private final SyncState state;
  private final Reservations reservations;
  private final CaldavSettings settings;
  private final String host;
  private final Clock clock;
  private final ZoneId zone;
  private final Consumer<String> notice;
  private final Changes changes;
  private final CalendarEdits edits;
  private final CalendarClaims claims;
  private final SeriesSync series;
  private Map<UUID, Reservation> local = Map.of();

  /**
   * The host's reservations as of the last sync (ids and versions): when they change, refused
   * events are tried again.
   */
  private Map<UUID, Instant> seen = Map.of();

  Reconciler(
      CalDav dav,
      EventCodec codec,
      SyncState state,
      Reservations reservations,
      CaldavSettings settings,
      String host,
      Clock clock,
      ZoneId zone,
      Consumer<String> notice) {
    this.dav = dav;
    this.codec = codec;
    this.state = state;
    this.reservations = reservations;
    this.settings = settings;
    this.host = host;
    this.clock = clock;
    this.zone = zone;
    this.notice = notice;
    this.changes = new Changes(zone);
    this.edits = new CalendarEdits(reservations, state, clock, notice, changes, this::updated);
    this.claims =
        new CalendarClaims(reservations, settings, state, clock, changes, this::updated, zone);
    this.series = new SeriesSync(dav, new SeriesEvents(zone), state, reservations, notice, changes);
  }

  /** A reservation the calendar claimed or changed, as it now stands. */
  private void updated(Reservation r) {
    local = new LinkedHashMap<>(local);
    local.put(r.uuid(), r);
  }

  /** Runs one sync; a retryable {@link DavException} stops it half-way, losing nothing. */
  void run() {
    state.source(settings.source());
    if (state.calendar().isEmpty()) {
      state.calendar(dav.discover(settings.url(), settings.calendar()).toString());
      state.save();
    }
    URI calendar = URI.create(state.calendar());
    try {
      refreshLocal();
      pull(calendar);
      retryRefused(calendar);
      refreshLocal();
      push(calendar);
      seen = versions();
    } finally {
      state.save(); // what got through before a failure stays known; the rest is done again
    }
  }

  private Map<UUID, Instant> versions() {
    Map<UUID, Instant> m = new HashMap<>();
    local.forEach((uuid, r) -> m.put(uuid, r.updated()));
    return m;
  }

  /**
   * A claim refused for a conflict may fit now that the host's reservations changed (released,
   * moved).
   */
  private void retryRefused(URI calendar) {
    List<String> refused =
        state.entries().stream().filter(e -> e.kind() == Kind.REFUSED).map(Entry::href).toList();
    if (refused.isEmpty() || versions().equals(seen)) {
      return;
    }
    Map<String, CalDav.Item> items = new HashMap<>();
    dav.fetch(calendar, refused).forEach(item -> items.put(item.href(), item));
    for (String href : refused) {
      CalDav.Item item = items.get(href);
      if (item == null) {
        state.remove(href);
      } else {
        state.remove(href); // judged afresh, as if new
        changed(item);
      }
    }
  }

  /** Local reservations not yet (or not as they are now) in the calendar. */
  int pending() {
    refreshLocal();
    int n = 0;
    Instant now = clock.instant();
    for (Map.Entry<UUID, List<Reservation>> s : SeriesSync.bySeries(local.values()).entrySet()) {
      n += series.pending(s.getKey(), s.getValue(), now) ? 1 : 0;
    }
    for (Reservation r : local.values()) {
      if (r.series().isPresent()) {
        continue; // counted with its series
      }
      Optional<Entry> e = state.of(r.uuid());
      if (e.isEmpty()
          ? !cancelled(r) && r.end().isAfter(clock.instant())
          : e.get().shown() != Changes.version(r)) {
        n++;
      }
    }
    return n;
  }

  /** Events meant for this host that could not become reservations, with why. */
  List<String> unreadable() {
    return state.entries().stream()
        .filter(e -> e.kind() == Kind.UNREADABLE || e.kind() == Kind.REFUSED)
        .map(e -> "calendar event " + e.href() + ": " + e.note())
        .toList();
  }

  private void refreshLocal() {
    Map<UUID, Reservation> m = new LinkedHashMap<>();
    Instant from = clock.instant().minus(HISTORY);
    for (Reservation r :
        reservations.list(
            new ReservationQuery(Optional.of(from), Optional.empty(), Optional.empty(), true, 0))) {
      m.put(r.uuid(), r);
    }
    local = m;
  }

  // ---------------------------------------------------------------- calendar -> host

  private void pull(URI calendar) {
    CalDav.Version v = dav.version(calendar);
    boolean unchanged =
        v.syncToken().isPresent()
            ? v.syncToken().get().equals(state.token())
            : v.ctag().isPresent() && v.ctag().get().equals(state.ctag());
    if (unchanged) {
      return; // one PROPFIND, whatever the calendar's size
    }
    Map<String, String> changed = new LinkedHashMap<>();
    List<String> deleted = new ArrayList<>();
    String token = "";
    if (v.syncToken().isPresent()) {
      try {
        token = changes(calendar, state.token(), changed, deleted);
      } catch (CalDav.InvalidSyncToken e) {
        notice.accept(
            "the calendar no longer accepted the sync token; listed every event again (nothing is duplicated)");
        changed.clear();
        deleted.clear();
        token = changes(calendar, "", changed, deleted);
        deletedSince(changed.keySet(), deleted);
      }
      if (state.token().isEmpty()) {
        deletedSince(
            changed.keySet(),
            deleted); // a first sync (or lost state) sees everything: what is gone was deleted
      }
    } else {
      changed.putAll(dav.etags(calendar));
      deletedSince(changed.keySet(), deleted);
    }
    List<String> fetch =
        changed.entrySet().stream()
            .filter(
                c ->
                    state
                        .at(c.getKey())
                        .map(e -> e.etag().isEmpty() || !e.etag().equals(c.getValue()))
                        .orElse(true))
            .map(Map.Entry::getKey)
            .toList();
    Map<String, CalDav.Item> items = new HashMap<>();
    for (CalDav.Item item : dav.fetch(calendar, fetch)) {
      items.put(item.href(), item);
    }
    for (String href : fetch) {
      CalDav.Item item = items.get(href);
      if (item == null) {
        deleted.add(href); // listed, then gone before we asked
      } else {
        changed(item);
      }
    }
    deleted.forEach(this::deleted);
    state.token(token);
    v.ctag().ifPresent(state::ctag);
    state.save();
  }

  /**
   * Collects changes page by page; a 507 on the collection means "truncated, ask again" (pitfall
   * 3).
   */
  private String changes(
      URI calendar, String since, Map<String, String> changed, List<String> deleted) {
    String token = since;
    for (int page = 0; page < MAX_PAGES; page++) {
      CalDav.Changes c = dav.changesSince(calendar, token);
      c.changed()
          .forEach(
              (href, etag) -> {
                changed.put(href, etag);
                deleted.remove(href);
              });
      c.deleted()
          .forEach(
              href -> {
                changed.remove(href);
                deleted.add(href);
              });
      token = c.token();
      if (!c.truncated()) {
        return token;
      }
    }
    throw new DavException(
        0, "the calendar kept answering 'truncated' to sync-collection; giving up this round");
  }

  /** Items the state knows that a full listing did not name were deleted. */
  private void deletedSince(Set<String> listed, List<String> deleted) {
    state.entries().stream()
        .map(Entry::href)
        .filter(h -> !listed.contains(h) && !deleted.contains(h))
        .forEach(deleted::add);
  }

  private void deleted(String href) {
    Optional<Entry> entry = state.at(href);
    state.remove(href);
    if (entry.isEmpty() || entry.get().kind() != Kind.MINE) {
      return;
    }
    UUID id = entry.get().reservation().orElseThrow();
    List<Reservation> occurrences = SeriesSync.of(id, local.values());
    if (!occurrences.isEmpty()) {
      series.deletedInCalendar(occurrences, clock.instant());
      return;
    }
    Reservation r = local.get(id);
    if (r == null || r.released().isPresent() || !r.end().isAfter(clock.instant())) {
      return;
    }
    Outcome o = reservations.release(Changes.owner(r), r.id());
    if (o instanceof Outcome.Granted) {
      LOG.log(
          System.Logger.Level.INFO,
          "calendar: event of reservation " + r.id() + " was deleted; released it");
      if (entry.get().shown() != Changes.version(r)) {
        notice.accept(
            "reservation "
                + r.id()
                + " was changed on the host and deleted in the calendar; the deletion won: released");
      }
    } else {
      notice.accept(
          "the calendar event of reservation "
              + r.id()
              + " was deleted, but releasing it was refused: "
              + changes.describe(o));
    }
  }

  private void changed(CalDav.Item item) {
    Optional<Entry> known = state.at(item.href()).filter(e -> e.kind() == Kind.MINE);
    List<Reservation> occurrences =
        known
            .flatMap(Entry::reservation)
            .map(id -> SeriesSync.of(id, local.values()))
            .orElse(List.of());
    if (!occurrences.isEmpty()) {
      series.changedInCalendar(known.get(), item.etag(), item.ics(), occurrences, clock.instant());
      refreshLocal();
      return;
    }
    RemoteEvent ev;
    try {
      ev = codec.parse(item.ics());
    } catch (Unreadable u) {
      if (known.isPresent()) {
        notice.accept(
            "the calendar event of reservation "
                + idOf(known.get())
                + " became unreadable ("
                + u.getMessage()
                + "); the calendar shows the host's version again");
        state.put(known.get().withEtag(item.etag()).showing(0));
      } else {
        claims.notTaken(item.href(), item.etag(), Kind.UNREADABLE, u.getMessage());
      }
      return;
    }
    Optional<Reservation> mine =
        known.flatMap(e -> e.reservation()).map(local::get).or(() -> ownUid(ev).map(local::get));
    if (known.isPresent() && mine.isEmpty()) {
      state.put(
          known
              .get()
              .withEtag(item.etag())); // a reservation older than the synced history: leave it be
      return;
    }
    if (ev.rule().isPresent() && (known.isPresent() || mine.isPresent())) {
      // a reservation's own event made repeating: not taken, the host's version is shown again
      notice.accept(
          "the calendar event of reservation "
              + mine.map(r -> Long.toString(r.id())).orElse(item.href())
              + " was made repeating; make a series on the host (hosthog claim ... --every)"
              + " instead: the calendar shows the host's version again");
      known.ifPresent(k -> state.put(k.withEtag(item.etag()).showing(0)));
      return;
    }
    if (mine.isPresent()) {
      Entry entry =
          known.orElse(Entry.mine(item.href(), item.etag(), mine.get().uuid(), ev.uid(), 0));
      edits.apply(entry.withEtag(item.etag()), mine.get(), ev);
      return;
    }
    Optional<String> markedFor = ev.host().or(() -> Summary.hostMark(ev.summary()));
    if (markedFor.map(h -> !h.equalsIgnoreCase(host)).orElse(!settings.claimUnmarked())) {
      state.put(
          Entry.other(
              item.href(), item.etag(), Kind.FOREIGN, "")); // another host's (or not for hosthog)
      return;
    }
    if (ev.rule().isPresent()) {
      claims.claimSeries(item, ev);
    } else {
      claims.claim(item, ev);
    }
  }

  /** The local reservation an event was written for, when the event says it is this host's. */
  private Optional<UUID> ownUid(RemoteEvent ev) {
    if (ev.host().map(h -> !h.equalsIgnoreCase(host)).orElse(true)) {
      return Optional.empty();
    }
    return ev.reservation().filter(local::containsKey);
  }

  // ---------------------------------------------------------------- host -> calendar

  private void push(URI calendar) {
    int written = 0;
    for (Reservation r : List.copyOf(local.values())) {
      if (r.series().isEmpty()
          && attempt(calendar, "reservation " + r.id(), () -> pushOne(calendar, r.uuid()))) {
        written++;
      }
      if (written > 0 && written % 100 == 0) {
        state.save();
      }
    }
    for (UUID id : SeriesSync.bySeries(List.copyOf(local.values())).keySet()) {
      attempt( // the occurrences as they are at each attempt: a retry follows a refetch
          calendar,
          "series " + id,
          () -> series.push(calendar, id, SeriesSync.of(id, local.values()), clock.instant()));
    }
  }

  /** Runs one write, merging and trying again when someone changed the event meanwhile. */
  private boolean attempt(URI calendar, String what, java.util.function.BooleanSupplier write) {
    for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      try {
        return write.getAsBoolean();
      } catch (CalDav.Stale stale) {
        refetch(calendar, stale); // someone changed it meanwhile: merge (later wins), then again
      } catch (DavException e) {
        if (e.retryable() || e.unauthorized()) {
          throw e;
        }
        notice.accept(what + " could not be written to the calendar: " + e.getMessage());
        return false;
      }
    }
    return false;
  }

  /**
   * Writes reservation {@code uuid} if the calendar does not show its current version; true if it
   * wrote.
   */
  private boolean pushOne(URI calendar, UUID uuid) {
    Reservation r = local.get(uuid);
    Optional<Entry> entry = state.of(uuid);
    if (entry.isEmpty()) {
      if (cancelled(r) || !r.end().isAfter(clock.instant())) {
        return false; // never shown and over: the calendar need not learn of it
      }
      String href = calendar.getRawPath() + uuid + ".ics";
      try {
        String etag = dav.create(calendar, href, codec.render(r, uuid.toString())).orElse("");
        state.put(Entry.mine(href, etag, uuid, uuid.toString(), Changes.version(r)));
      } catch (CalDav.Stale e) {
        // already there (state lost, or a crash after the PUT): adopt it, compare, maybe write
        // again
        state.put(Entry.mine(href, "", uuid, uuid.toString(), 0));
        throw e;
      }
      return true;
    }
    Entry e = entry.get();
    if (e.shown() == Changes.version(r)) {
      return false;
    }
    if (cancelled(r)) {
      dav.delete(calendar, e.href(), e.etag());
      state.remove(e.href());
    } else {
      String etag = dav.update(calendar, e.href(), codec.render(r, e.uid()), e.etag()).orElse("");
      state.put(e.withEtag(etag).showing(Changes.version(r)));
    }
    return true;
  }

  private void refetch(URI calendar, CalDav.Stale stale) {
    String href = stale.href();
    List<CalDav.Item> items = dav.fetch(calendar, List.of(href));
    if (items.isEmpty()) {
      deleted(href);
    } else {
      changed(items.get(0));
    }
    refreshLocal();
  }

  // ---------------------------------------------------------------- helpers

  /** The short id people know the entry's reservation by, or its event's href. */
  private String idOf(Entry e) {
    return e.reservation().map(local::get).map(r -> Long.toString(r.id())).orElse(e.href());
  }

  /** Released before it started: cancelled, so its event goes away. */
  private static boolean cancelled(Reservation r) {
    return r.released().map(at -> !at.isAfter(r.start())).orElse(false);
  }
}
