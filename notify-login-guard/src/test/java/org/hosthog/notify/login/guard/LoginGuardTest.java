package org.hosthog.notify.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Mode;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.config.TomlSettings;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.PluginContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginGuardTest {
  @TempDir Path dir;

  private Hosthog host;
  private LoginGuard guard;
  private Path access;
  private Path message;

  @BeforeEach
  void open() {
    host =
        Hosthog.builder()
            .host("gpu-box")
            .gpus(4)
            .stateDir(dir.resolve("state"))
            .scheduler(false)
            .build();
    access = dir.resolve("run/login-guard.access");
    message = dir.resolve("run/login-guard.nologin");
    var ctx =
        new PluginContexts(
            "gpu-box",
            TomlSettings.empty("test", "notify.login-guard"),
            dir,
            Clock.systemUTC(),
            ZoneId.of("Europe/Berlin"),
            host.reservations(),
            HostActivity::none);
    guard = LoginGuard.start(ctx, access, message, Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    guard.close();
    host.close();
  }

  private Reservation claim(String owner, Claim claim, Duration startsIn, String msg) {
    Instant start = Instant.now().plus(startsIn);
    Outcome o =
        host.reservations()
            .claim(
                Actor.of(owner),
                new ClaimRequest(
                    List.of(claim), start, start.plus(Duration.ofHours(1)), msg, true));
    Reservation r = assertInstanceOf(Outcome.Granted.class, o).reservation();
    guard.refresh();
    return r;
  }

  @Test
  void anActiveExclusiveWholeHostClaimLetsInOnlyItsOwnerRootAndAdmins() throws Exception {
    Reservation r =
        claim(
            "alice",
            new Claim(Resource.parse("host"), Mode.EXCLUSIVE),
            Duration.ZERO,
            "kernel update");
    assertEquals(
        "+:root alice (hosthog-admin) (sudo):ALL\n-:ALL:ALL",
        Files.readString(access).lines().skip(1).reduce((a, b) -> a + "\n" + b).orElseThrow());
    String text = Files.readString(message);
    assertTrue(
        text.contains("reserved EXCLUSIVELY by alice until")
            && text.contains("\"kernel update\"")
            && text.contains("hosthog show " + r.id())
            && text.contains("hosthog-admin, sudo"),
        text);

    host.reservations().release(Actor.of("alice"), r.id());
    guard.refresh();
    assertFalse(
        Files.exists(access) || Files.exists(message), "released: everyone may log in again");
  }

  @Test
  void otherClaimsDoNotGuardLogins() {
    claim("bob", new Claim(Resource.parse("host"), Mode.SHARED), Duration.ZERO, "working here");
    claim("bob", new Claim(Resource.parse("gpu:0-3"), Mode.EXCLUSIVE), Duration.ZERO, "all gpus");
    claim(
        "carol",
        new Claim(Resource.parse("host"), Mode.EXCLUSIVE),
        Duration.ofMinutes(30),
        "later");
    assertFalse(Files.exists(access) || Files.exists(message));
  }

  @Test
  void stoppingTheDaemonNeverLeavesAGuardBehind() {
    claim("alice", new Claim(Resource.parse("host"), Mode.EXCLUSIVE), Duration.ZERO, "x");
    assertTrue(Files.exists(access));
    guard.close();
    assertFalse(Files.exists(access) || Files.exists(message));
  }

  @Test
  void hostileTextNeverReachesTheFilesRaw() throws Exception {
    claim(
        "alice",
        new Claim(Resource.parse("host"), Mode.EXCLUSIVE),
        Duration.ZERO,
        "hi\u001b[2J\u0007\n+:ALL:ALL");
    String text = Files.readString(message);
    assertFalse(text.contains("\u001b") || text.contains("\u0007"), text);
    assertEquals(
        2,
        Files.readString(access).lines().filter(l -> !l.startsWith("#")).count(),
        Files.readString(access));
  }
}
