package org.hosthog.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.SyncStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link CalendarSync} must do, driven from both sides: the host's reservations through
 * the embedding API, the calendar the way people use it ({@link PeopleCalendar}).
 *
 * <p>A sync subclasses this once. Each test gets a fresh, empty calendar. The sync under test maps
 * calendar identities {@code alice@example.org → alice} and {@code bob@example.org → bob}, and only
 * syncs when asked ({@link CalendarSync#syncNow()}) or on a long interval.
 */
public abstract class CalendarSyncContract {
  /** A calendar as people see it in their calendar app. */
  public interface PeopleCalendar {
    /** Creates an event; returns a handle for the other methods. */
    String create(String title, Instant start, Instant end, String organizerEmail);

    /** Moves an event, stamping it as modified now. */
    void move(String handle, Instant start, Instant end);

    void delete(String handle);

    /** Stores a calendar object as given (events the sync cannot use: a monthly rule, say). */
    String createRaw(String body);

    /** Every event now in the calendar. */
    List<Event> events();

    /** Makes the calendar unreachable (stopped server), until {@link #comeBack()}. */
    void goAway();

    void comeBack();
  }

  /** One event as people see it. */
  public record Event(String handle, String title, Instant start, Instant end) {}

  /** The (fresh, empty) calendar of this test. */
  protected abstract PeopleCalendar calendar();

  /** A host with at least 4 GPUs, its reservations kept in {@code dir}. */
  protected abstract org.hosthog.api.Reservations host(String name, Path dir);

  /** Opens the sync under test for that host, keeping its state in {@code stateDir}. */
  protected abstract CalendarSync open(
      String host, org.hosthog.api.Reservations reservations, Path stateDir);

  @TempDir protected Path dir;

  private final List<CalendarSync> opened = new ArrayList<>();

  /** Closes what {@link #host} opened; called after every sync of the test is closed. */
  protected void closeHosts() {}

  @AfterEach
  void closeSyncsThenHosts() {
    opened.forEach(CalendarSync::close);
    closeHosts();
  }

  private final class Host {
    final String name;
    final org.hosthog.api.Reservations reservations;
    final CalendarSync sync;

    Host(String name) {
      this.name = name;
      this.reservations = host(name, dir.resolve(name));
      this.sync = open(name, reservations, dir.resolve(name + "-sync"));
      opened.add(sync);
    }

    Reservation claim(String owner, String resource, Instant start, Instant end, String message) {
      Outcome o =
          reservations.claim(
              Actor.of(owner),
              new ClaimRequest(
                  List.of(Claim.of(Resource.parse(resource))), start, end, message, false));
      return assertInstanceOf(Outcome.Granted.class, o, o.toString()).reservation();
    }

    List<Reservation> current() {
      return reservations.list(ReservationQuery.current(Instant.now()));
    }

    SyncStatus sync() {
      return sync.syncNow();
    }
  }

  private static Instant at(long hours) {
    return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(hours));
  }

  private static Event only(List<Event> events) {
    assertEquals(1, events.size(), "events in the calendar: " + events);
    return events.get(0);
  }

  @Test
  void aClaimOnTheHostAppearsInTheCalendar() {
    Host h = new Host("gpu-box");
    h.sync();
    h.claim("alice", "gpu:0-1", at(2), at(5), "deadline");
    SyncStatus s = h.sync();
    Event e = only(calendar().events());
    assertTrue(
        e.title().contains("alice")
            && e.title().contains("gpu:0-1")
            && e.title().contains("deadline")
            && e.title().contains("gpu-box"),
        e.title());
    assertEquals(at(2), e.start());
    assertEquals(at(5), e.end());
    assertEquals(0, s.pending(), s.toString());
    assertTrue(s.lastSuccess().isPresent(), s.toString());
  }

  @Test
  void anEventCreatedInTheCalendarBecomesAReservationOfItsOrganizer() {
    Host h = new Host("gpu-box");
    calendar().create("gpu:2 training", at(3), at(6), "alice@example.org");
    h.sync();
    Reservation r = only1(h.current());
    assertEquals("alice", r.owner());
    assertEquals("gpu:2", r.resourcesText());
    assertEquals("training", r.message());
    assertEquals(at(3), r.start());
    assertEquals(at(6), r.end());
    h.sync();
    Event e =
        only(calendar().events()); // no second event: the person's event now shows the reservation
    assertTrue(e.title().contains("alice") && e.title().contains("gpu:2"), e.title());
    assertEquals(1, h.current().size());
  }

  @Test
  void movingTheEventMovesTheReservation() {
    Host h = new Host("gpu-box");
    Reservation r = h.claim("alice", "gpu:0", at(2), at(4), "x");
    h.sync();
    calendar().move(only(calendar().events()).handle(), at(5), at(9));
    h.sync();
    Reservation moved = h.reservations.find(r.id()).orElseThrow();
    assertEquals(at(5), moved.start());
    assertEquals(at(9), moved.end());
  }

  @Test
  void deletingTheEventReleasesTheReservation() {
    Host h = new Host("gpu-box");
    Reservation r = h.claim("alice", "gpu:0", at(2), at(4), "x");
    h.sync();
    calendar().delete(only(calendar().events()).handle());
    h.sync();
    assertTrue(h.reservations.find(r.id()).orElseThrow().released().isPresent());
    assertTrue(calendar().events().isEmpty());
  }

  @Test
  void editsAndReleasesOnTheHostReachTheCalendar() {
    Host h = new Host("gpu-box");
    Reservation r = h.claim("alice", "gpu:0", at(2), at(4), "x");
    Reservation other = h.claim("bob", "gpu:1", at(2), at(4), "y");
    h.sync();
    h.reservations.edit(Actor.of("alice"), r.id(), EditRequest.endAt(at(8)));
    h.reservations.release(
        Actor.of("bob"), other.id()); // planned, so cancelled: its event goes away
    SyncStatus s = h.sync();
    Event e = only(calendar().events());
    assertEquals(at(8), e.end());
    assertEquals(0, s.pending(), s.toString());
  }

  @Test
  void syncingAgainAndAgainChangesNothing() {
    Host h = new Host("gpu-box");
    h.claim("alice", "gpu:0", at(2), at(4), "x");
    calendar().create("gpu:3 eval", at(1), at(2), "bob@example.org");
    h.sync();
    List<Reservation> before = h.current();
    List<Event> events = calendar().events();
    for (int i = 0; i < 3; i++) {
      h.sync();
    }
    assertEquals(before, h.current());
    assertEquals(sorted(events), sorted(calendar().events()));
    assertEquals(2, events.size(), events.toString());
  }

  @Test
  void aConflictingEventIsNotClaimedAndIsReported() {
    Host h = new Host("gpu-box");
    Reservation bobs = h.claim("bob", "gpu:0", at(2), at(6), "bob's run");
    calendar().create("gpu:0 my run", at(3), at(4), "alice@example.org");
    SyncStatus s = h.sync();
    assertEquals(List.of(bobs), h.current());
    assertTrue(
        s.problems().stream().anyMatch(p -> p.contains("my run") && p.contains("conflicts")),
        s.problems().toString());
  }

  @Test
  void anEventHosthogCannotUnderstandIsLeftAloneAndReported() {
    Host h = new Host("gpu-box");
    calendar().create("coffee with the team", at(2), at(3), "alice@example.org");
    String start =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(at(2));
    calendar()
        .createRaw(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:weekly-sync\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART:"
                + start
                + "\r\nDURATION:PT1H\r\nRRULE:FREQ=MONTHLY;BYDAY=1MO\r\n"
                + "SUMMARY:gpu:1 weekly sync\r\nORGANIZER:mailto:alice@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    List<Event> before = calendar().events();
    SyncStatus s = h.sync();
    assertTrue(h.current().isEmpty(), h.current().toString());
    assertTrue(
        s.problems().stream().anyMatch(p -> p.contains("coffee with the team")),
        s.problems().toString());
    assertTrue(
        s.problems().stream().anyMatch(p -> p.contains("repeats in a way hosthog does not")),
        s.problems().toString());
    assertEquals(sorted(before), sorted(calendar().events()));
  }

  @Test
  void whileTheCalendarIsAwayChangesWaitAndThenArrive() {
    Host h = new Host("gpu-box");
    h.sync();
    calendar().goAway();
    try {
      h.claim("alice", "gpu:0", at(2), at(4), "during the outage");
      SyncStatus down = h.sync();
      assertEquals(1, down.pending(), down.toString());
      assertFalse(down.problems().isEmpty(), down.toString());
    } finally {
      calendar().comeBack();
    }
    SyncStatus up = h.sync();
    assertEquals(0, up.pending(), up.toString());
    assertTrue(only(calendar().events()).title().contains("during the outage"));
  }

  @Test
  void whenBothSidesChangedTheLaterChangeWins() throws InterruptedException {
    Host h = new Host("gpu-box");
    Reservation r = h.claim("alice", "gpu:0", at(2), at(4), "x");
    h.sync();
    String handle = only(calendar().events()).handle();
    h.reservations.edit(Actor.of("alice"), r.id(), EditRequest.endAt(at(5)));
    Thread.sleep(1100); // iCalendar times have whole seconds
    calendar().move(handle, at(2), at(7));
    SyncStatus s = h.sync();
    assertEquals(
        at(7), h.reservations.find(r.id()).orElseThrow().end(), "the calendar's later move wins");
    assertEquals(at(7), only(calendar().events()).end());
    assertTrue(
        s.problems().stream().anyMatch(p -> p.contains("both sides")), s.problems().toString());

    calendar().move(handle, at(2), at(9));
    Thread.sleep(1100);
    h.reservations.edit(Actor.of("alice"), r.id(), EditRequest.endAt(at(10)));
    h.sync();
    assertEquals(
        at(10), h.reservations.find(r.id()).orElseThrow().end(), "the host's later edit wins");
    assertEquals(at(10), only(calendar().events()).end());
  }

  @Test
  void twoHostsShareOneCalendarAndEachTouchesOnlyItsOwnEvents() {
    Host alpha = new Host("alpha");
    Host beta = new Host("beta");
    alpha.claim("alice", "gpu:0", at(2), at(4), "on alpha");
    beta.claim("bob", "gpu:0", at(2), at(4), "on beta");
    calendar().create("[beta] gpu:1 marked for beta", at(3), at(5), "alice@example.org");
    for (int i = 0; i < 2; i++) {
      alpha.sync();
      beta.sync();
    }
    assertEquals(List.of("on alpha"), alpha.current().stream().map(Reservation::message).toList());
    assertEquals(
        java.util.Set.of("on beta", "marked for beta"),
        java.util.Set.copyOf(beta.current().stream().map(Reservation::message).toList()));
    assertEquals(3, calendar().events().size(), calendar().events().toString());
    Reservation alphas = alpha.current().get(0);
    alpha.reservations.release(Actor.of("alice"), alphas.id());
    alpha.sync();
    beta.sync();
    assertEquals(2, calendar().events().size(), calendar().events().toString());
    assertEquals(2, beta.current().size());
  }

  private static Reservation only1(List<Reservation> rs) {
    assertEquals(1, rs.size(), rs.toString());
    return rs.get(0);
  }

  private static List<Event> sorted(List<Event> events) {
    return events.stream().sorted(java.util.Comparator.comparing(Event::handle)).toList();
  }
}
