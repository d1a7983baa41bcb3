package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.ConfigException;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.CalendarSyncContract.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CalDAV specifics beyond the contract, against real Radicale (and a misbehaving proxy in front of
 * it).
 */
class CaldavSyncTest {
  private static Radicale radicale;
  private static FaultyProxy proxy;

  @TempDir Path dir;

  private RadicaleCalendar calendar;
  private Hosthog host;
  private final List<CalendarSync> syncs = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    radicale = Radicale.start(Files.createTempDirectory("hh-radicale"));
    proxy = new FaultyProxy(radicale.root());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (radicale != null) {
      radicale.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    calendar = new RadicaleCalendar(radicale, radicale.newCalendar());
    host =
        Hosthog.builder()
            .host("gpu-box")
            .gpus(4)
            .stateDir(dir.resolve("host"))
            .scheduler(false)
            .build();
    proxy.mode(FaultyProxy.Mode.PASS);
  }

  @AfterEach
  void tearDown() {
    syncs.forEach(CalendarSync::close);
    host.close();
  }

  private CalendarSync open(String url, String extraToml) {
    CalendarSync s =
        CaldavContractTest.open(
            "gpu-box", host.reservations(), dir.resolve("sync"), url, extraToml);
    syncs.add(s);
    return s;
  }

  private CalendarSync open() {
    return open(calendar.uri().toString(), "");
  }

  private CalendarSync viaProxy(String extraToml) {
    return open(proxy.root().resolve(calendar.uri().getPath()).toString(), extraToml);
  }

  private static Instant at(long hours) {
    return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(hours));
  }

  private Reservation claim(String owner, String resource, long from, long to) {
    Outcome o =
        host.reservations()
            .claim(
                Actor.of(owner),
                new ClaimRequest(
                    List.of(Claim.of(Resource.parse(resource))), at(from), at(to), "m", false));
    return assertInstanceOf(Outcome.Granted.class, o).reservation();
  }

  private List<String> current() {
    return host.reservations().list(ReservationQuery.current(Instant.now())).stream()
        .map(r -> r.owner() + " " + r.resourcesText())
        .sorted()
        .toList();
  }

  private Path stateFile() {
    return dir.resolve("sync").resolve("caldav-state.tsv");
  }

  private void setStateToken(String token) throws Exception {
    String s =
        Files.readString(stateFile())
            .replaceAll("(?m)^token\t.*$", Matcher.quoteReplacement("token\t" + token));
    Files.writeString(stateFile(), s);
  }

  private String serverToken() {
    var r =
        calendar.send(
            "PROPFIND",
            calendar.uri(),
            "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:sync-token/></D:prop></D:propfind>",
            Map.of("Depth", "0"));
    Matcher m = Pattern.compile("<(?:[A-Za-z]+:)?sync-token>([^<]+)<").matcher(r.body());
    assertTrue(m.find(), r.body());
    return m.group(1);
  }

  private static boolean mentions(SyncStatus s, String text) {
    return s.problems().stream().anyMatch(p -> p.contains(text));
  }

  @Test
  void anExpiredSyncTokenFallsBackToAFullSyncWithoutDuplicatesOrLosses() throws Exception {
    CalendarSync sync = open();
    claim("alice", "gpu:0", 2, 4);
    calendar.create("gpu:1 a", at(2), at(4), "bob@example.org");
    String gpu2 = calendar.create("gpu:2 b", at(2), at(4), "alice@example.org");
    sync.syncNow();
    assertEquals(List.of("alice gpu:0", "alice gpu:2", "bob gpu:1"), current());
    sync.close();
    setStateToken(
        "http://radicale.org/ns/sync/bogus"); // what a pruned Nextcloud change log looks like
    // (pitfall 1)
    calendar.delete(gpu2);
    calendar.create("gpu:3 c", at(2), at(4), "alice@example.org");

    SyncStatus s = open().syncNow();
    assertTrue(mentions(s, "no longer accepted the sync token"), s.toString());
    assertEquals(List.of("alice gpu:0", "alice gpu:3", "bob gpu:1"), current());
    assertEquals(3, calendar.events().size(), calendar.events().toString());
  }

  /** The starts a calendar client shows for a recurring event: ical4j's own expansion. */
  private static List<Instant> expanded(String ics) throws Exception {
    net.fortuna.ical4j.model.Calendar c =
        new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics));
    net.fortuna.ical4j.model.component.VEvent master =
        c.<net.fortuna.ical4j.model.component.VEvent>getComponents("VEVENT").get(0);
    java.time.ZonedDateTime from = java.time.ZonedDateTime.now().minusDays(1);
    return master
        .<java.time.ZonedDateTime>calculateRecurrenceSet(
            new net.fortuna.ical4j.model.Period<>(from, from.plusDays(30)))
        .stream()
        .map(p -> p.getStart().toInstant())
        .sorted()
        .toList();
  }

  /** The sync's zone (CaldavContractTest.open): events are written as its calendar would. */
  private static final String ZONE = "Europe/Berlin";

  private static String ical(Instant t) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
        .format(t.atZone(java.time.ZoneId.of(ZONE)));
  }

  /** An override as calendar apps write it: occurrence {@code r} moved by {@code by}. */
  private static String override(Reservation r, Duration by) {
    return "BEGIN:VEVENT\r\nUID:"
        + r.series().orElseThrow().id()
        + "\r\nDTSTAMP:20261205T000000Z\r\nRECURRENCE-ID;TZID="
        + ZONE
        + ":"
        + ical(r.start())
        + "\r\nDTSTART;TZID="
        + ZONE
        + ":"
        + ical(r.start().plus(by))
        + "\r\nDTEND;TZID="
        + ZONE
        + ":"
        + ical(r.end().plus(by))
        + "\r\nSUMMARY:moved in the calendar\r\nEND:VEVENT\r\n";
  }

  /** alice's series of {@code resource}, {@code count} times every {@code every}. */
  private List<Reservation> series(String resource, Instant start, long hours, String every) {
    SeriesOutcome made =
        host.reservations()
            .claimSeries(
                Actor.of("alice"),
                new SeriesRequest(
                    new ClaimRequest(
                        List.of(Claim.of(Resource.parse(resource))),
                        start,
                        start.plus(Duration.ofHours(hours)),
                        "course",
                        false),
                    every,
                    java.util.OptionalInt.of(4),
                    Optional.empty(),
                    false));
    return assertInstanceOf(SeriesOutcome.Done.class, made).occurrences();
  }

  @Test
  void aSeriesIsOneRecurringEventAndDeletingItInTheCalendarReleasesTheRest() throws Exception {
    CalendarSync sync = open();
    List<Reservation> course = series("gpu:2", at(26), 1, "day");
    SyncStatus s = sync.syncNow();
    assertEquals(0, s.pending(), s.toString());
    List<Event> events = calendar.events();
    assertEquals(1, events.size(), "one event for the series, not four: " + events);
    String handle = events.get(0).handle();
    String ics = calendar.raw(handle);
    assertTrue(ics.contains("RRULE:FREQ=DAILY;COUNT=4"), ics);
    assertEquals(course.stream().map(Reservation::start).toList(), expanded(ics));

    calendar.replace(handle, t -> t.replace("course", "renamed in the calendar"));
    s = sync.syncNow();
    assertTrue(mentions(s, "recurring event of series"), "not taken yet, and said: " + s);
    assertTrue(!calendar.raw(handle).contains("renamed"), "the host's version is shown again");

    // as a calendar app does: delete the second occurrence only, move the third an hour later,
    // and move the fourth onto bob's claim (refused on the host, so it stays)
    Reservation bobs = claim("bob", "gpu:2", 26 + 3 * 24 + 2, 26 + 3 * 24 + 3);
    calendar.replace(
        handle,
        t ->
            t.replace( // the event's rule, not one of its VTIMEZONE's
                    "RRULE:FREQ=DAILY",
                    "EXDATE;TZID="
                        + ZONE
                        + ":"
                        + ical(course.get(1).start())
                        + "\r\nRRULE:FREQ=DAILY")
                .replace(
                    "END:VCALENDAR",
                    override(course.get(2), Duration.ofHours(1))
                        + override(course.get(3), Duration.ofHours(2))
                        + "END:VCALENDAR"));
    s = sync.syncNow();
    assertTrue(
        host.reservations().find(course.get(1).id()).orElseThrow().released().isPresent(),
        "deleted in the calendar, released on the host: " + s + calendar.raw(handle));
    assertEquals(
        course.get(2).start().plus(Duration.ofHours(1)),
        host.reservations().find(course.get(2).id()).orElseThrow().start(),
        "moved in the calendar, moved on the host");
    assertEquals(
        course.get(3).start(), host.reservations().find(course.get(3).id()).orElseThrow().start());
    assertTrue(mentions(s, "refused on the host: occurrence 4 of 4"), s.toString());
    assertTrue(mentions(s, "reservation " + bobs.id()), s.toString());
    String shown = calendar.raw(handle);
    assertEquals(
        List.of(course.get(0).start(), course.get(2).start(), course.get(3).start()),
        expanded(shown),
        "the calendar shows the host's version: " + shown);
    assertTrue(
        shown.contains(
            "DTSTART;TZID=" + ZONE + ":" + ical(course.get(2).start().plus(Duration.ofHours(1)))),
        shown);

    host.reservations().releaseSeries(Actor.of("alice"), course.get(2).id());
    assertEquals(0, sync.syncNow().pending());
    String released = calendar.raw(handle);
    assertTrue(released.contains("RRULE:FREQ=DAILY;COUNT=1"), "the rule ends there: " + released);
    assertEquals(
        List.of(course.get(0).start()),
        expanded(released),
        "the released occurrences are gone from what the calendar shows: " + released);
    assertEquals(0, sync.syncNow().pending());
    assertEquals(2, calendar.events().size(), "the series' event and bob's");

    calendar.delete(handle);
    s = sync.syncNow();
    assertEquals(0, s.pending(), s.toString());
    assertTrue(
        course.stream()
            .allMatch(r -> host.reservations().find(r.id()).orElseThrow().released().isPresent()),
        "deleting the series' event released every occurrence to come");
    assertTrue(
        calendar.events().stream().noneMatch(e -> e.handle().equals(handle)),
        "and the series' event is not written back");
  }

  @Test
  void aWeeklySeriesAcrossTheChangeToSummerTimeKeepsItsHourInTheCalendar() throws Exception {
    CalendarSync sync = open();
    java.time.ZoneId berlin = java.time.ZoneId.of(ZONE);
    Instant first = java.time.LocalDateTime.parse("2027-03-17T14:00").atZone(berlin).toInstant();
    series("gpu:3", first, 2, "week");
    assertEquals(0, sync.syncNow().pending());
    String ics = calendar.raw(calendar.events().get(0).handle());
    assertTrue(ics.contains("DTSTART;TZID=Europe/Berlin:20270317T140000"), ics);
    java.time.ZonedDateTime from =
        java.time.ZonedDateTime.parse("2027-03-01T00:00+01:00[Europe/Berlin]");
    List<String> hours =
        new net.fortuna.ical4j.data.CalendarBuilder()
                .build(new java.io.StringReader(ics))
                .<net.fortuna.ical4j.model.component.VEvent>getComponents("VEVENT")
                .get(0)
                .<java.time.ZonedDateTime>calculateRecurrenceSet(
                    new net.fortuna.ical4j.model.Period<>(from, from.plusMonths(2)))
                .stream()
                .map(p -> p.getStart().toInstant())
                .sorted()
                .map(Instant::toString)
                .toList();
    // 14:00 in Berlin is 13:00Z in winter and 12:00Z from 28 March
    assertEquals(
        List.of(
            "2027-03-17T13:00:00Z",
            "2027-03-24T13:00:00Z",
            "2027-03-31T12:00:00Z",
            "2027-04-07T12:00:00Z"),
        hours);
  }

  /** Europe/Berlin as Thunderbird writes it. */
  private static final String BERLIN_VTIMEZONE =
      "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n"
          + "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
          + "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n"
          + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
          + "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

  @Test
  void aRepeatingEventMadeInTheCalendarBecomesASeriesOnTheHost() throws Exception {
    CalendarSync sync = open();
    java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of(ZONE)).plusDays(2);
    String start = day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "T100000";
    calendar.createRaw(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
            + BERLIN_VTIMEZONE
            + "BEGIN:VEVENT\r\nUID:lab-made-in-thunderbird\r\nDTSTAMP:20261201T000000Z\r\n"
            + "DTSTART;TZID=Europe/Berlin:"
            + start
            + "\r\nDTEND;TZID=Europe/Berlin:"
            + start.replace("T100000", "T110000")
            + "\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:gpu:1 weekly lab\r\n"
            + "ORGANIZER;CN=Alice:mailto:alice@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    SyncStatus s = sync.syncNow();
    List<Reservation> made =
        host.reservations().list(ReservationQuery.current(Instant.now())).stream()
            .filter(r -> r.series().isPresent())
            .toList();
    assertEquals(3, made.size(), s + " " + made);
    for (int i = 0; i < 3; i++) {
      assertEquals(
          day.plusWeeks(i).atTime(10, 0).atZone(java.time.ZoneId.of(ZONE)).toInstant(),
          made.get(i).start());
      assertEquals("alice", made.get(i).owner());
      assertEquals("gpu:1", made.get(i).resourcesText());
    }
    assertEquals(0, s.pending(), s.toString());
    List<Event> events = calendar.events();
    assertEquals(1, events.size(), "the event people made, not a copy: " + events);
    String shown = calendar.raw(events.get(0).handle());
    assertTrue(shown.contains("UID:lab-made-in-thunderbird"), shown);
    assertEquals(made.stream().map(Reservation::start).toList(), expanded(shown));
  }

  @Test
  void aLostStateFileIsRebuiltFromTheCalendarWithoutDuplicates() throws Exception {
    CalendarSync sync = open();
    claim("alice", "gpu:0", 2, 4);
    calendar.create("gpu:1 a", at(2), at(4), "bob@example.org");
    sync.syncNow();
    sync.syncNow();
    List<Event> events = calendar.events();
    List<String> before = current();
    sync.close();
    Files.delete(stateFile());

    SyncStatus s = open().syncNow();
    assertEquals(0, s.pending(), s.toString());
    assertEquals(before, current());
    assertEquals(Set.copyOf(events), Set.copyOf(calendar.events()));
  }

  @Test
  void aStaleEtagGets412ThenTheEventIsFetchedMergedAndWrittenAgain() throws Exception {
    CalendarSync sync = open();
    Reservation r = claim("alice", "gpu:0", 2, 4);
    sync.syncNow();
    sync.close();
    String handle = calendar.events().get(0).handle();
    calendar.move(handle, at(2), at(6)); // a person moves it...
    setStateToken(serverToken()); // ...between our pull and our push: the pull did not see it
    Thread.sleep(1100);
    host.reservations()
        .edit(Actor.of("alice"), r.id(), EditRequest.endAt(at(7))); // and the host changes it later

    SyncStatus s = open().syncNow();
    assertEquals(at(7), host.reservations().find(r.id()).orElseThrow().end());
    assertEquals(at(7), calendar.events().get(0).end(), "written again after the 412");
    assertTrue(mentions(s, "both sides"), s.toString());
    assertEquals(0, s.pending(), s.toString());
  }

  @Test
  void aMalformedEventIsSkippedAndReportedUntilItIsFixed() {
    CalendarSync sync = viaProxy("");
    calendar.create("gpu:1 fine", at(2), at(4), "bob@example.org");
    String broken = calendar.create("gpu:2 CORRUPT", at(2), at(4), "alice@example.org");
    proxy.mode(
        FaultyProxy.Mode.CORRUPT_EVENTS); // Radicale refuses to store garbage: break it on the way
    SyncStatus s = sync.syncNow();
    assertEquals(List.of("bob gpu:1"), current(), s.toString());
    assertTrue(mentions(s, "not valid iCalendar"), s.toString());
    proxy.mode(FaultyProxy.Mode.PASS);
    assertTrue(mentions(sync.syncNow(), "not valid iCalendar"), "reported until it changes");
    calendar.move(broken, at(3), at(4)); // someone fixes the event
    s = sync.syncNow();
    assertEquals(List.of("alice gpu:2", "bob gpu:1"), current(), s.toString());
    assertTrue(!mentions(s, "not valid iCalendar"), s.toString());
  }

  @Test
  void aCalendarTheServerItselfCannotReadIsReportedAndNothingIsLost() throws Exception {
    CalendarSync sync = open();
    claim("alice", "gpu:0", 2, 4);
    sync.syncNow();
    // a file no client could have PUT, written into Radicale's storage behind its back: Radicale
    // answers 500
    Path folder = radicale.dir().resolve("collections/collection-root" + calendar.uri().getPath());
    Files.writeString(
        folder.resolve("broken.ics"), "BEGIN:VCALENDAR\r\nthis is \u0000 not iCalendar\r\n");
    claim("alice", "gpu:1", 2, 4);
    SyncStatus s = sync.syncNow();
    assertTrue(mentions(s, "500"), s.toString());
    assertEquals(1, s.pending(), s.toString());
    assertEquals(List.of("alice gpu:0", "alice gpu:1"), current());
    Files.delete(folder.resolve("broken.ics"));
    assertEquals(0, sync.syncNow().pending());
  }

  @Test
  void anEventRefusedForAConflictIsClaimedOnceTheConflictIsGone() {
    CalendarSync sync = open();
    Reservation bobs = claim("bob", "gpu:0", 2, 6);
    calendar.create("gpu:0 after bob", at(3), at(4), "alice@example.org");
    SyncStatus refused = sync.syncNow();
    assertTrue(
        mentions(refused, "after bob") && mentions(refused, "conflicts"), refused.toString());
    SyncStatus again = sync.syncNow();
    assertEquals(
        List.of("bob gpu:0"), current(), "nothing changed on the host: still refused " + again);

    host.reservations().release(Actor.of("bob"), bobs.id());
    SyncStatus claimed = sync.syncNow();
    assertEquals(List.of("alice gpu:0"), current(), claimed.toString());
    assertTrue(!mentions(claimed, "after bob"), claimed.toString());
  }

  @Test
  void aTruncatedSyncReportIsAskedAgainUntilEveryChangeIsIn() {
    CalendarSync sync = viaProxy("");
    sync.syncNow();
    for (int i = 0; i < 3; i++) {
      calendar.create("gpu:" + i + " page " + i, at(2), at(4), "alice@example.org");
    }
    proxy.mode(FaultyProxy.Mode.TRUNCATE_SYNC);
    int before = proxy.truncatedPages();
    SyncStatus s = sync.syncNow();
    assertTrue(
        proxy.truncatedPages() - before >= 2,
        "the server cut the answer at least twice: " + (proxy.truncatedPages() - before) + " " + s);
    assertEquals(List.of("alice gpu:0", "alice gpu:1", "alice gpu:2"), current(), s.toString());
  }

  @Test
  void anOverloadedServerIsLeftAloneForItsRetryAfterAndNothingIsLost() throws Exception {
    CalendarSync sync = viaProxy("");
    sync.syncNow();
    proxy.mode(FaultyProxy.Mode.UNAVAILABLE);
    claim("alice", "gpu:0", 2, 4);
    SyncStatus down = sync.syncNow();
    assertTrue(mentions(down, "503"), down.toString());
    assertEquals(1, down.pending(), down.toString());
    int asked = proxy.requests();
    claim("alice", "gpu:1", 2, 4); // a local change would normally sync a second later...
    Thread.sleep(2500);
    assertEquals(asked, proxy.requests(), "...but not while the server asked for 120 s of quiet");

    proxy.mode(FaultyProxy.Mode.PASS);
    SyncStatus up = sync.syncNow();
    assertEquals(0, up.pending(), up.toString());
    assertEquals(2, calendar.events().size());
  }

  @Test
  void throttlingGarbageAndSlownessAreReportedAndLoseNothing() {
    CalendarSync sync = viaProxy("timeout = \"1s\"\n");
    claim("alice", "gpu:0", 2, 4);
    sync.syncNow();
    for (FaultyProxy.Mode m :
        List.of(FaultyProxy.Mode.TOO_MANY, FaultyProxy.Mode.GARBAGE, FaultyProxy.Mode.SLOW)) {
      proxy.mode(m);
      claim("bob", "gpu:" + (m.ordinal() - 1), 5, 6);
      long t0 = System.nanoTime();
      SyncStatus s = sync.syncNow();
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, m + " took too long");
      String expected =
          switch (m) {
            case TOO_MANY -> "429";
            case GARBAGE -> "unreadable XML";
            default -> "timed out";
          };
      assertTrue(mentions(s, expected), m + ": " + s);
      assertTrue(
          s.problems().stream().noneMatch(p -> p.contains("\u001b") || p.contains("\u0000")),
          s.toString());
      assertEquals(
          2 + m.ordinal() - FaultyProxy.Mode.TOO_MANY.ordinal(),
          current().size(),
          current().toString()); // nothing lost
    }
    proxy.mode(FaultyProxy.Mode.PASS);
    SyncStatus s = sync.syncNow();
    assertEquals(0, s.pending(), s.toString());
    assertEquals(4, calendar.events().size());
  }

  @Test
  void wrongCredentialsSayWhatToCheck() throws Exception {
    CalendarSync sync = open();
    sync.close();
    Files.writeString(dir.resolve("sync/caldav.secret"), "wrong\n"); // keeps mode 600
    var s =
        CaldavContractTest.openWithSecret(
            "gpu-box",
            host.reservations(),
            dir.resolve("sync"),
            calendar.uri().toString(),
            "wrong");
    syncs.add(s);
    SyncStatus st = s.syncNow();
    assertTrue(mentions(st, "401") && mentions(st, "app password"), st.toString());
  }

  @Test
  void theCalendarIsFoundFromTheServerRoot() {
    String name = calendar.uri().getPath().replaceAll(".*/(cal-\\d+)/$", "$1");
    CalendarSync sync = open(radicale.root().toString(), "calendar = \"" + name + "\"\n");
    claim("alice", "gpu:0", 2, 4);
    SyncStatus s = sync.syncNow();
    assertEquals(0, s.pending(), s.toString());
    assertEquals(1, calendar.events().size());
  }

  @Test
  void fromTheServerRootWithSeveralCalendarsItAsksWhichOne() throws Exception {
    radicale.newCalendar(); // at least two now
    SyncStatus s = open(radicale.root().toString(), "").syncNow();
    assertTrue(mentions(s, "writable event calendars") && mentions(s, "calendar = "), s.toString());
  }

  @Test
  void aPasswordFileOthersCanReadIsRefused() throws Exception {
    Path secret = dir.resolve("open.secret");
    Files.writeString(secret, "pw\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                CaldavContractTest.openWithToml(
                    "gpu-box",
                    host.reservations(),
                    dir.resolve("s"),
                    "[sync.caldav]\nurl = \""
                        + calendar.uri()
                        + "\"\nusername = \"u\"\npassword_file = \""
                        + secret
                        + "\"\n"));
    assertTrue(e.getMessage().contains("chmod 600 " + secret), e.getMessage());
  }

  @Test
  void badSettingsSayWhatIsExpected() throws Exception {
    Path secret = dir.resolve("ok.secret");
    Files.writeString(secret, "pw\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> cases =
        Map.of(
            "url = \"http://cloud.example.org/dav/\"\nusername = \"u\"\npassword_file = \""
                + secret
                + "\"\n",
            "https://",
            "url = \"ftp://x/\"\nusername = \"u\"\npassword_file = \"" + secret + "\"\n",
            "http(s) URL",
            "url = \"https://x/\"\npassword_file = \"" + secret + "\"\n",
            "username",
            "url = \"https://x/\"\nusername = \"u\"\npassword_file = \"/nonexistent\"\n",
            "does not exist",
            "url = \"https://x/\"\nusername = \"u\"\npassword_file = \""
                + secret
                + "\"\ninterval = \"soon\"\n",
            "interval",
            "url = \"https://x/\"\nusername = \"u\"\npassword_file = \""
                + secret
                + "\"\nintervall = \"5m\"\n",
            "intervall");
    cases.forEach(
        (toml, expected) -> {
          ConfigException e =
              assertThrows(
                  ConfigException.class,
                  () ->
                      CaldavContractTest.openWithToml(
                          "gpu-box",
                          host.reservations(),
                          dir.resolve("s"),
                          "[sync.caldav]\n" + toml),
                  toml);
          assertTrue(e.getMessage().contains(expected), expected + " not in: " + e.getMessage());
        });
  }
}
