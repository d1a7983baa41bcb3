package org.hosthog.sync.caldav;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Reservations;
import org.hosthog.api.State;
import org.hosthog.sync.caldav.SyncState.Entry;

/**
 * A change people made to the event of one of the host's reservations (moved, retitled), applied to
 * the reservation as its owner unless the host's own change is newer; a refusal or a lost race is a
 * notice, and the calendar shows the host's version again.
 */
final class CalendarEdits {
  private static final System.Logger LOG = System.getLogger(CalendarEdits.class.getName());

  private final Reservations reservations;
  private final SyncState state;
  private final Clock clock;
  private final Consumer<String> notice;
  private final Changes changes;
  private final Consumer<Reservation> updated;

  /**
   * @param updated told of each reservation a change was applied to
   */
  CalendarEdits(
      Reservations reservations,
      SyncState state,
      Clock clock,
      Consumer<String> notice,
      Changes changes,
      Consumer<Reservation> updated) {
    this.reservations = reservations;
    this.state = state;
    this.clock = clock;
    this.notice = notice;
    this.changes = changes;
    this.updated = updated;
  }

  /**
   * A change to the event of reservation {@code r}: apply it unless the host's own change is newer
   * or the reservation is over.
   */
  void apply(Entry entry, Reservation r, RemoteEvent ev) {
    EditRequest edit = edit(r, ev);
    // shown == 0: which version the event shows is unknown (just adopted, or a rewrite pending)
    boolean localChanged = entry.shown() != Changes.version(r);
    boolean reportable = localChanged && entry.shown() != 0;
    Instant now = clock.instant();
    Instant remoteTime = ev.modified().orElse(now);
    if (edit.isEmpty()) {
      // nothing to apply; if people typed the title their own way, write hosthog's back once
      state.put(entry.showing(ev.summary().equals(Summary.render(r)) ? Changes.version(r) : 0));
    } else if (r.state(now) == State.RELEASED || r.state(now) == State.ENDED) {
      notice.accept(
          "the calendar changed reservation "
              + r.id()
              + ", which has "
              + (r.released().isPresent() ? "been released" : "ended")
              + "; the calendar shows the host's version again");
      state.put(entry.showing(0));
    } else if (localChanged && r.updated().isAfter(remoteTime)) {
      if (reportable) {
        notice.accept(
            bothSides(r, "host's", hostChange(r), "calendar's", changes.time(remoteTime)));
      }
      state.put(entry.showing(0));
    } else {
      edit(entry, r, ev, edit, reportable ? Optional.of(remoteTime) : Optional.empty());
    }
  }

  /** What the event says that differs from {@code r}; a title people typed is read as a claim. */
  private EditRequest edit(Reservation r, RemoteEvent ev) {
    Summary s = new Summary(Optional.empty(), Optional.empty(), r.claims(), r.message());
    if (!ev.summary().equals(Summary.render(r))) { // retitled by people: read what they typed
      try {
        s = Summary.parse(ev.summary(), reservations.inventory());
      } catch (Unreadable u) {
        notice.accept(
            "the new title of reservation "
                + r.id()
                + "'s event is not understood ("
                + u.getMessage()
                + "); its resources and message stay as they were");
      }
    }
    String message = s.message().isBlank() ? r.message() : s.message();
    return new EditRequest(
        s.claims().equals(r.claims()) ? Optional.empty() : Optional.of(s.claims()),
        ev.start().equals(r.start()) ? Optional.empty() : Optional.of(ev.start()),
        ev.end().equals(r.end()) ? Optional.empty() : Optional.of(ev.end()),
        message.equals(r.message()) ? Optional.empty() : Optional.of(message),
        false);
  }

  /**
   * Applies {@code edit} as the owner; {@code raced} is the calendar's change time when the host
   * changed the reservation too (then the host's change is replaced, and people are told).
   */
  private void edit(
      Entry entry, Reservation r, RemoteEvent ev, EditRequest edit, Optional<Instant> raced) {
    Outcome o = Changes.attempt(() -> reservations.edit(Changes.owner(r), r.id(), edit));
    if (o instanceof Outcome.Granted g) {
      LOG.log(
          System.Logger.Level.INFO,
          "calendar: changed reservation " + r.id() + " as its event says");
      raced.ifPresent(
          t -> notice.accept(bothSides(r, "calendar's", changes.time(t), "host's", hostChange(r))));
      updated.accept(g.reservation());
      boolean showsHostsVersion = ev.summary().equals(Summary.render(g.reservation()));
      state.put(entry.showing(showsHostsVersion ? Changes.version(g.reservation()) : 0));
    } else {
      notice.accept(
          "the calendar's change to reservation "
              + r.id()
              + " was refused ("
              + changes.describe(o)
              + "); the calendar shows the host's version again");
      state.put(entry.showing(0));
    }
  }

  /** "reservation 7 was changed on both sides; the host's change (…) is newer, so …". */
  private static String bothSides(
      Reservation r, String newer, String newerWhen, String older, String olderWhen) {
    return "reservation "
        + r.id()
        + " was changed on both sides; the "
        + newer
        + " change ("
        + newerWhen
        + ") is newer, so the "
        + older
        + " ("
        + olderWhen
        + ") was replaced";
  }

  /** When and by whom the host last changed {@code r}. */
  private String hostChange(Reservation r) {
    return changes.time(r.updated()) + " by " + r.updatedBy();
  }
}
