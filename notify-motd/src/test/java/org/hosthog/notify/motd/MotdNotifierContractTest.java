package org.hosthog.notify.motd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hosthog.api.Claim;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.Notifier;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.EmptySettings;
import org.hosthog.tck.NotifierContract;
import org.hosthog.tck.PluginContexts;
import org.hosthog.tck.Reservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier contract for the motd, over a real core and SQLite store; plus motd-only checks. */
class MotdNotifierContractTest extends NotifierContract {
  @TempDir Path dir;
  private Hosthog hosthog;
  private Path motd;

  /** Opened on first use: the suite opens the notifier before a subclass's @BeforeEach runs. */
  private Hosthog core() {
    if (hosthog == null) {
      try {
        motd = Files.createTempDirectory(dir, "motd.d").resolve("hosthog");
        hosthog =
            Hosthog.builder()
                .host("gpu-box")
                .stateDir(Files.createTempDirectory(dir, "state"))
                .gpus(4)
                .scheduler(false)
                .build();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
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
    return MotdNotifier.start(ctx, motd, Duration.ofMinutes(1));
  }

  @Override
  protected Reservation claimed(String owner, String resource, String message) {
    return Reservations.claimNow(
        core().reservations(), owner, Claim.of(Resource.parse(resource)), message, false);
  }

  @Override
  protected String delivered() throws Exception {
    return Files.readString(motd);
  }

  @Test
  void theFileIsThereBeforeAnyEventAndEveryoneMayReadIt() throws Exception {
    assertTrue(
        Files.readString(motd).contains("nothing is claimed on gpu-box today"),
        Files.readString(motd));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(motd)));
  }

  @Test
  void noTemporaryFilesAreLeftBehind() throws Exception {
    claimed("alice", "gpu:0", "x");
    notifier.onEvent(
        new org.hosthog.api.HostEvent.NewDay(java.time.LocalDate.now(), Instant.now()));
    try (var files = Files.list(motd.getParent())) {
      assertEquals(List.of(motd), files.toList());
    }
  }
}
