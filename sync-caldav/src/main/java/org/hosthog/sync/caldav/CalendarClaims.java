package org.hosthog.sync.caldav;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.hosthog.api.Actor;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Reservations;
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

  /**
   * @param claimed told of each reservation an event became
   */
  CalendarClaims(
      Reservations reservations,
      CaldavSettings settings,
      SyncState state,
      Clock clock,
      Changes changes,
      Consumer<Reservation> claimed) {
    this.reservations = reservations;
    this.settings = settings;
    this.state = state;
    this.clock = clock;
    this.changes = changes;
    this.claimed = claimed;
  }

  /** An event people created: claim what it says for its owner, or report why not. */
  void claim(CalDav.Item item, RemoteEvent ev) {
    String title = "'" + ev.summary() + "'";
    if (!ev.end().isAfter(clock.instant())) {
      state.put(
          Entry.other(
              item.href(), item.etag(), Kind.FOREIGN, "")); // over already: nothing to claim
      return;
    }
    Summary s;
    try {
      s = Summary.parse(ev.summary(), reservations.inventory());
    } catch (Unreadable u) {
      notTaken(item.href(), item.etag(), Kind.UNREADABLE, title + ": " + u.getMessage());
      return;
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
      return;
    }
    String message = s.message().isBlank() ? NO_MESSAGE : s.message();
    Outcome o =
        Changes.attempt(
            () ->
                reservations.claim(
                    Actor.of(owner.get()).via(Changes.VIA),
                    new ClaimRequest(s.claims(), ev.start(), ev.end(), message, false)));
    if (o instanceof Outcome.Granted g) {
      Reservation r = g.reservation();
      LOG.log(
          System.Logger.Level.INFO,
          "calendar: claimed reservation "
              + r.id()
              + " for "
              + r.owner()
              + " from event "
              + item.href());
      claimed.accept(r);
      state.put(
          Entry.mine(
              item.href(), item.etag(), r.uuid(), ev.uid(), 0)); // 0: write hosthog's title back
    } else {
      notTaken(
          item.href(),
          item.etag(),
          Kind.REFUSED,
          title
              + " ("
              + owner.get()
              + ", "
              + changes.span(ev.start(), ev.end())
              + ") was not claimed: "
              + changes.describe(o)
              + "; tried again when the host's reservations change");
    }
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
