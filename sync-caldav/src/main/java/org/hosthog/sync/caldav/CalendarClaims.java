package org.hosthog.sync.caldav;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hosthog.api.Actor;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Reservations;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.sync.caldav.SyncState.Entry;
import org.hosthog.sync.caldav.SyncState.Kind;

/**
 * Events people made in the calendar: each becomes a claim for its owner (from the organizer or
 * attendees mapped in {@code [sync.caldav.users]}, or a mapped user named in the title), with the
 * same rules as a claim on the command line; one that cannot be read or is refused is recorded with
 * why, and tried again when the host's reservations change.
 */
final class CalendarClaims {
  private static final System.Logger LOG = System.getLogger(CalendarClaims.class.getName());
  private static final String NO_MESSAGE = "(from the calendar)";

  private final Reservations reservations;
  private final CaldavSettings settings;
  private final SyncState state;
  private final Clock clock;
  private final Changes changes;
  private final Consumer<Reservation> claimed;
  private final ZoneId zone;

  /**
   * @param claimed told of each reservation an event became
   */
  CalendarClaims(
      Reservations reservations,
      CaldavSettings settings,
      SyncState state,
      Clock clock,
      Changes changes,
      Consumer<Reservation> claimed,
      ZoneId zone) {
    this.reservations = reservations;
    this.settings = settings;
    this.state = state;
    this.clock = clock;
    this.changes = changes;
    this.claimed = claimed;
    this.zone = zone;
  }

  /** An event people created: claim what it says for its owner, or report why not. */
  void claim(CalDav.Item item, RemoteEvent ev) {
    Optional<ClaimRequestOf> asked = asked(item, ev);
    if (asked.isEmpty()) {
      return;
    }
    String owner = asked.get().owner();
    Outcome o =
        Changes.attempt(
            () -> reservations.claim(Actor.of(owner).via(Changes.VIA), asked.get().request()));
    if (o instanceof Outcome.Granted g) {
      taken(item, ev, g.reservation().uuid(), "reservation " + g.reservation().id(), owner);
      claimed.accept(g.reservation());
    } else {
      refused(item, ev, owner, changes.describe(o));
    }
  }

  /** A repeating event people created: claim it as a series, all or nothing. */
  void claimSeries(CalDav.Item item, RemoteEvent ev) {
    CalendarRule rule;
    try {
      rule = CalendarRule.of(ev.rule().orElseThrow(), LocalDate.ofInstant(ev.start(), zone), zone);
    } catch (Unreadable u) {
      notTaken(
          item.href(), item.etag(), Kind.UNREADABLE, "'" + ev.summary() + "' " + u.getMessage());
      return;
    }
    if (ev.start().isBefore(clock.instant())) {
      notTaken(
          item.href(),
          item.etag(),
          Kind.UNREADABLE,
          "'"
              + ev.summary()
              + "' repeats from "
              + changes.span(ev.start(), ev.end())
              + ", which has begun: hosthog takes a repeating event whose first occurrence is still"
              + " to come (move its start to the next one)");
      return;
    }
    Optional<ClaimRequestOf> asked = asked(item, ev);
    if (asked.isEmpty()) {
      return;
    }
    String owner = asked.get().owner();
    SeriesOutcome o;
    try {
      o =
          reservations.claimSeries(
              Actor.of(owner).via(Changes.VIA),
              new SeriesRequest(
                  asked.get().request(), rule.every(), rule.count(), rule.through(), false));
    } catch (HosthogException e) {
      o = new Outcome.Denied(Outcome.Reason.INVALID, e.getMessage());
    }
    if (o instanceof SeriesOutcome.Done done) {
      Reservation first = done.occurrences().get(0);
      taken(
          item,
          ev,
          first.series().orElseThrow().id(),
          "a series of " + done.occurrences().size(),
          owner);
      done.occurrences().forEach(claimed);
    } else if (o instanceof SeriesOutcome.Clashed c) {
      refused(
          item,
          ev,
          owner,
          c.clashes().size()
              + " of its occurrences conflict, first "
              + changes.span(c.clashes().get(0).start(), c.clashes().get(0).end())
              + " with "
              + changes.describe(new Outcome.Conflict(c.clashes().get(0).conflicts())));
    } else {
      refused(item, ev, owner, ((Outcome.Denied) o).message());
    }
  }

  /** What an event asks for and for whom, or empty when that is not clear (and said so). */
  private Optional<ClaimRequestOf> asked(CalDav.Item item, RemoteEvent ev) {
    String title = "'" + ev.summary() + "'";
    if (!ev.end().isAfter(clock.instant()) && ev.rule().isEmpty()) {
      state.put(
          Entry.other(
              item.href(), item.etag(), Kind.FOREIGN, "")); // over already: nothing to claim
      return Optional.empty();
    }
    Summary s;
    try {
      s = Summary.parse(ev.summary(), reservations.inventory());
    } catch (Unreadable u) {
      notTaken(item.href(), item.etag(), Kind.UNREADABLE, title + ": " + u.getMessage());
      return Optional.empty();
    }
    Optional<String> owner = ownerOf(ev, s);
    if (owner.isEmpty()) {
      notTaken(
          item.href(),
          item.etag(),
          Kind.UNREADABLE,
          title
              + ": no owner: "
              + (ev.identities().isEmpty()
                  ? "it has no organizer or attendee"
                  : "none of " + String.join(", ", ev.identities()))
              + " is in [sync.caldav.users], and its title names no user from there (e.g. 'alice: gpu:0 training')");
      return Optional.empty();
    }
    String message = s.message().isBlank() ? NO_MESSAGE : s.message();
    return Optional.of(
        new ClaimRequestOf(
            owner.get(), new ClaimRequest(s.claims(), ev.start(), ev.end(), message, false)));
  }

  private record ClaimRequestOf(String owner, ClaimRequest request) {}

  private void taken(CalDav.Item item, RemoteEvent ev, UUID id, String what, String owner) {
    LOG.log(
        System.Logger.Level.INFO,
        "calendar: claimed " + what + " for " + owner + " from event " + item.href());
    state.put(Entry.mine(item.href(), item.etag(), id, ev.uid(), 0)); // 0: write hosthog's back
  }

  private void refused(CalDav.Item item, RemoteEvent ev, String owner, String why) {
    notTaken(
        item.href(),
        item.etag(),
        Kind.REFUSED,
        "'"
            + ev.summary()
            + "' ("
            + owner
            + ", "
            + changes.span(ev.start(), ev.end())
            + (ev.rule().isPresent() ? ", repeating" : "")
            + ") was not claimed: "
            + why
            + "; tried again when the host's reservations change");
  }

  /**
   * Records an event this host did not take, and says why in the log (hosthog sync shows the first
   * ones).
   */
  void notTaken(String href, String etag, Kind kind, String why) {
    if (state.at(href).map(e -> !e.note().equals(why)).orElse(true)) {
      LOG.log(System.Logger.Level.INFO, "calendar: event " + href + " not taken: " + why);
    }
    state.put(Entry.other(href, etag, kind, why));
  }

  /**
   * The Unix user an event belongs to: its organizer or an attendee mapped in config, else a mapped
   * user named in the title.
   */
  private Optional<String> ownerOf(RemoteEvent ev, Summary s) {
    for (String identity : ev.identities()) {
      String user = settings.users().get(identity);
      if (user != null) {
        return Optional.of(user);
      }
    }
    return s.owner().filter(settings.users()::containsValue);
  }
}
