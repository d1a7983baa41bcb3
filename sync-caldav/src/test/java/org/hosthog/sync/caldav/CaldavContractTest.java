package org.hosthog.sync.caldav;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.CalendarSyncContract;
import org.hosthog.tck.PluginContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The calendar sync contract against a real Radicale server on loopback. */
class CaldavContractTest extends CalendarSyncContract {
  private static Radicale radicale;
  private static Path radicaleDir;
  private RadicaleCalendar calendar;
  private final List<Hosthog> hosts = new ArrayList<>();

  @BeforeAll
  static void startRadicale() throws Exception {
    radicaleDir = Files.createTempDirectory("hh-radicale");
    radicale = Radicale.start(radicaleDir);
  }

  @AfterAll
  static void stopRadicale() throws Exception {
    if (radicale != null) {
      radicale.close();
    }
  }

  @BeforeEach
  void newCalendar() throws Exception {
    calendar = new RadicaleCalendar(radicale, radicale.newCalendar());
  }

  @Override
  protected void closeHosts() {
    hosts.forEach(Hosthog::close);
  }

  static Radicale radicale() {
    return radicale;
  }

  java.net.URI calendarUri() {
    return calendar.uri();
  }

  @Override
  protected PeopleCalendar calendar() {
    return calendar;
  }

  @Override
  protected Reservations host(String name, Path dir) {
    Hosthog h =
        Hosthog.builder()
            .host(name)
            .gpus(4)
            .stateDir(dir)
            .zone(ZoneId.of("Europe/Berlin"))
            .scheduler(false)
            .build();
    hosts.add(h);
    return h.reservations();
  }

  @Override
  protected CalendarSync open(String host, Reservations reservations, Path stateDir) {
    return open(host, reservations, stateDir, calendar.uri().toString(), "");
  }

  /** Opens the CalDAV sync with a real config section, as the daemon does. */
  static CalendarSync open(
      String host, Reservations reservations, Path stateDir, String url, String extraToml) {
    return openWithSecret(host, reservations, stateDir, url, Radicale.PASSWORD, extraToml);
  }

  static CalendarSync openWithSecret(
      String host, Reservations reservations, Path stateDir, String url, String password) {
    return openWithSecret(host, reservations, stateDir, url, password, "");
  }

  private static CalendarSync openWithSecret(
      String host,
      Reservations reservations,
      Path stateDir,
      String url,
      String password,
      String extraToml) {
    try {
      Files.createDirectories(stateDir);
      Path secret = stateDir.resolve("caldav.secret");
      Files.writeString(secret, password + "\n");
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
      return openWithToml(
          host,
          reservations,
          stateDir,
          "[sync.caldav]\nurl = \""
              + url
              + "\"\nusername = \""
              + Radicale.USER
              + "\"\npassword_file = \""
              + secret
              + "\"\ninterval = \"1h\"\n"
              + extraToml
              + "\n[sync.caldav.users]\n\"alice@example.org\" = \"alice\"\n\"Bob@Example.org\" = \"bob\"\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens the sync from a config file's text, checking unknown keys as the daemon does. */
  static CalendarSync openWithToml(
      String host, Reservations reservations, Path stateDir, String toml) {
    var config =
        org.hosthog.core.config.HosthogConfig.parse(
            "test.toml",
            toml,
            new org.hosthog.core.config.Locations(
                stateDir.resolve("hosthog.toml"), stateDir, stateDir.resolve("sock"), List.of()));
    var settings = config.pluginSettings("sync", "caldav");
    CalendarSync sync =
        new CaldavSyncProvider()
            .open(
                new PluginContexts(
                    host,
                    settings,
                    stateDir,
                    Clock.systemUTC(),
                    ZoneId.of("Europe/Berlin"),
                    reservations,
                    HostActivity::none));
    try {
      settings.requireNoUnknownKeys("see the caldav plugin's documentation");
    } catch (RuntimeException e) {
      sync.close();
      throw e;
    }
    return sync;
  }
}
