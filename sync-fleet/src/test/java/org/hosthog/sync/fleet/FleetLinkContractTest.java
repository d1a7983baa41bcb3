package org.hosthog.sync.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import org.hosthog.api.Claim;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.config.TomlSettings;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.FleetLinkContract;
import org.hosthog.tck.PluginContexts;
import org.hosthog.tck.Reservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The fleet link contract for {@code sync-fleet}, opened through its provider from a real file. */
class FleetLinkContractTest extends FleetLinkContract {
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
  protected FleetLink open(URI server) {
    try {
      Path token = dir.resolve("fleet.token");
      Files.writeString(token, "not-a-real-token\n");
      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
      Path toml = dir.resolve("hosthog.toml");
      Files.writeString(
          toml,
          "[sync.fleet]\nurl = \""
              + server
              + "\"\ntoken_file = \""
              + token
              + "\"\ntimeout = \""
              + TIMEOUT.toSeconds()
              + "s\"\n");
      TomlSettings settings =
          TomlSettings.file(toml, false).table("sync", "sync").table("fleet", "sync.fleet");
      Path state = Files.createDirectories(dir.resolve("fleet"));
      return new FleetSyncProvider()
          .open(
              new PluginContexts(
                  "gpu-box",
                  settings,
                  state,
                  Clock.systemUTC(),
                  ZoneId.of("Europe/Berlin"),
                  core().reservations(),
                  HostActivity::none));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Reservation claimed(String owner, String resource, String message) {
    return Reservations.claimNow(
        core().reservations(), owner, Claim.of(Resource.parse(resource)), message, false);
  }
}
