package org.hosthog.notify.login.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.hosthog.api.Claim;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.Notifier;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.EmptySettings;
import org.hosthog.tck.NotifierContract;
import org.hosthog.tck.PluginContexts;
import org.hosthog.tck.Reservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier contract for the login guard, over a real core and SQLite store. The guard shows
 * nothing for ordinary claims (it guards logins only during an exclusive whole-host claim, which
 * {@link LoginGuardTest} drives), so it announces no kind of event here; the suite still holds it
 * to taking every event, hostile text and closing twice. A {@code host} claim is made exclusive, so
 * the suite's whole-host reservation does raise the guard.
 */
class LoginGuardContractTest extends NotifierContract {
  @TempDir Path dir;
  private Hosthog hosthog;

  private Hosthog core() {
    if (hosthog == null) {
      hosthog =
          Hosthog.builder()
              .host("gpu-box")
              .stateDir(dir.resolve("state"))
              .gpus(4)
              .scheduler(false)
              .build();
    }
    return hosthog;
  }

  @AfterEach
  void closeCore() {
    hosthog.close();
  }

  @Override
  protected Notifier open() {
    PluginContexts ctx =
        new PluginContexts(
            "gpu-box",
            EmptySettings.INSTANCE,
            dir,
            Clock.systemUTC(),
            ZoneId.of("Europe/Berlin"),
            core().reservations(),
            HostActivity::none);
    return LoginGuard.start(
        ctx,
        dir.resolve("run/guard.access"),
        dir.resolve("run/guard.nologin"),
        Duration.ofHours(1));
  }

  @Override
  protected Reservation claimed(String owner, String resource, String message) {
    return Reservations.claimNow(
        core().reservations(),
        owner,
        new Claim(Resource.parse(resource), Mode.EXCLUSIVE),
        message,
        true);
  }

  @Override
  protected String delivered() throws Exception {
    StringBuilder text = new StringBuilder();
    for (Path f : List.of(dir.resolve("run/guard.access"), dir.resolve("run/guard.nologin"))) {
      if (Files.exists(f)) {
        text.append(Files.readString(f));
      }
    }
    return text.toString();
  }

  @Override
  protected boolean announces(Class<? extends HostEvent> kind) {
    return false;
  }
}
