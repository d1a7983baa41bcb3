package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.hosthog.sync.caldav.Radicale;
import org.hosthog.sync.caldav.RadicaleCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The installed daemon with the distribution's sync-caldav plugin folder against a real Radicale:
 * CLI claims reach the calendar and calendar events reach {@code hosthog list}, each within one
 * sync interval; {@code hosthog sync} reports; a readable password file stops the daemon.
 */
class CalendarSyncIT {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static Radicale radicale;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhcalice");
    RealUsers.ensure("hhcbob");
    radicale = Radicale.start(Files.createTempDirectory("hh-radicale"));
  }

  @AfterAll
  static void stop() {
    if (radicale != null) {
      radicale.close();
    }
  }

  private static String config(RadicaleCalendar calendar, Path secret) {
    return config(calendar, secret, "");
  }

  private static String config(RadicaleCalendar calendar, Path secret, String notifiers) {
    return "[notify]\nenabled = ["
        + notifiers
        + "]\n[plugins]\ndir = [\""
        + DaemonFixture.COPY.resolve("hosthog/plugins/sync-caldav")
        + "\"]\n"
        + "[sync.caldav]\nurl = \""
        + calendar.uri()
        + "\"\nusername = \""
        + Radicale.USER
        + "\"\npassword_file = \""
        + secret
        + "\"\n"
        + "interval = \""
        + INTERVAL.toSeconds()
        + "s\"\n[sync.caldav.users]\n\"alice@example.org\" = \"hhcalice\"\n";
  }

  private static Path secret(String mode) throws Exception {
    Path secret = Files.createTempFile("caldav", ".secret");
    Files.writeString(secret, Radicale.PASSWORD + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString(mode));
    return secret;
  }

  /** Waits for {@code condition} at most two sync intervals plus slack for a busy machine. */
  private static void within(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(INTERVAL.multipliedBy(2)).plusSeconds(8);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within one sync interval: " + what);
      }
      Thread.sleep(200);
    }
  }

  @Test
  void claimsShowUpInTheCalendarAndCalendarEditsInHosthogList() throws Exception {
    RadicaleCalendar calendar = new RadicaleCalendar(radicale, radicale.newCalendar());
    try (DaemonFixture hh = new DaemonFixture(config(calendar, secret("rw-------"))).start()) {
      Result plugins = hh.as("hhcbob", "plugins");
      assertTrue(plugins.out().matches("(?s).*sync\\s+caldav\\s+yes.*"), plugins.out());

      Result claim = hh.as("hhcalice", "claim", "gpu:0-1", "--for", "3h", "-m", "from the cli");
      assertEquals(0, claim.exit(), claim.toString());
      within(
          "the claim appears in the calendar",
          () ->
              calendar.events().stream()
                  .anyMatch(e -> e.title().contains("hhcalice: gpu:0-1 — from the cli")));

      Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
      String handle =
          calendar.create(
              "gpu:3 from the calendar",
              start,
              start.plus(Duration.ofHours(1)),
              "alice@example.org");
      within(
          "the calendar event appears in hosthog list",
          () -> list(hh).contains("from the calendar"));
      assertTrue(list(hh).matches("(?s).*hhcalice.*gpu:3.*from the calendar.*"), list(hh));

      calendar.delete(handle);
      within(
          "deleting the event releases the reservation",
          () -> !list(hh).contains("from the calendar"));

      Result sync = hh.as("hhcbob", "sync");
      assertEquals(0, sync.exit(), sync.toString());
      assertTrue(
          sync.out().matches("(?s).*Last successful sync: \\d\\d:\\d\\d \\(\\d+ s ago\\).*")
              && sync.out().contains("Changes waiting for the calendar: 0"),
          sync.out());
    }
  }

  @Test
  void aFirstSyncOfAHundredEventsIsAnnouncedAsOneSummary() throws Exception {
    RadicaleCalendar calendar = new RadicaleCalendar(radicale, radicale.newCalendar());
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    for (int i = 0; i < 100; i++) { // in the calendar before hosthog first looks at it
      Instant from = start.plus(Duration.ofHours(i / 4));
      calendar.create(
          "gpu:" + (i % 4) + " planned " + i,
          from,
          from.plus(Duration.ofHours(1)),
          "alice@example.org");
    }
    try (TmuxTerminal bob = new TmuxTerminal("hhcbob", "mesg y; exec sleep 3600");
        DaemonFixture hh =
            new DaemonFixture(config(calendar, secret("rw-------"), "\"wall\"")).start()) {
      Instant deadline = Instant.now().plusSeconds(90);
      while (list(hh).lines().filter(l -> l.contains("planned ")).count() < 100) {
        assertTrue(
            Instant.now().isBefore(deadline), "the first sync took all 100 events: " + list(hh));
        Thread.sleep(500);
      }
      Thread.sleep(5_000); // the sync is over; its summary follows within a window
      String seen = bob.raw().replaceAll("\\s+", " ");
      int broadcasts = seen.split("Broadcast message from hosthog@", -1).length - 1;
      assertEquals(1, broadcasts, seen);
      assertTrue(seen.contains("hhcalice (via calendar) made 100 claims (gpu:"), seen);
      String history = hh.as("hhcbob", "show", "1").out();
      assertTrue(history.contains("(via calendar)"), history);
    }
  }

  @Test
  void twoDaemonsShareOneCalendarAndEachTakesOnlyItsOwnEvents() throws Exception {
    RadicaleCalendar calendar = new RadicaleCalendar(radicale, radicale.newCalendar());
    Path secret = secret("rw-------");
    try (DaemonFixture alpha =
            new DaemonFixture("host = \"alpha\"", config(calendar, secret)).start();
        DaemonFixture beta =
            new DaemonFixture("host = \"beta\"", config(calendar, secret)).start()) {
      assertEquals(
          0, alpha.as("hhcalice", "claim", "gpu:0", "--for", "2h", "-m", "on alpha").exit());
      within(
          "alpha's claim is in the calendar, marked for alpha",
          () ->
              calendar.events().stream()
                  .anyMatch(e -> e.title().equals("[alpha] hhcalice: gpu:0 — on alpha")));
      Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(3));
      calendar.create(
          "[beta] gpu:0 for beta", start, start.plus(Duration.ofHours(1)), "alice@example.org");
      within("beta takes the event marked for it", () -> list(beta).contains("for beta"));
      Thread.sleep(INTERVAL.multipliedBy(2).toMillis()); // both have synced at least once more
      assertTrue(
          !list(beta).contains("on alpha"), "beta never takes alpha's reservation: " + list(beta));
      assertTrue(
          !list(alpha).contains("for beta"), "alpha never takes beta's event: " + list(alpha));
      assertEquals(2, calendar.events().size(), calendar.events().toString());
    }
  }

  @Test
  void theDaemonRefusesAPasswordFileOthersCanRead() throws Exception {
    RadicaleCalendar calendar = new RadicaleCalendar(radicale, radicale.newCalendar());
    Path secret = secret("rw-r--r--");
    DaemonFixture hh = new DaemonFixture(config(calendar, secret));
    IllegalStateException e = assertThrows(IllegalStateException.class, hh::start);
    assertTrue(e.getMessage().contains("chmod 600 " + secret), e.getMessage());
  }

  private static String list(DaemonFixture hh) {
    try {
      return hh.as("hhcbob", "list").out();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
