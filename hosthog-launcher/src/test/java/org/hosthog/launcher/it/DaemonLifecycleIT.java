package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.hosthog.wire.DaemonUnreachableException;
import org.hosthog.wire.Granted;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting, refusing to start, stopping, crashing: the daemon keeps what it acknowledged. */
class DaemonLifecycleIT {

  @BeforeAll
  static void rootOnly() {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
  }

  private static Result daemonRun(DaemonFixture hh) throws Exception {
    return DaemonFixture.exec(
        List.of(DaemonFixture.BIN.toString(), "daemon", "--config", hh.config.toString()), null);
  }

  @Test
  void aBadConfigStopsTheDaemonNamingFileLineAndKey() throws Exception {
    try (DaemonFixture hh = new DaemonFixture("[notify]\nenabeld = [\"motd\"]\n")) {
      Result r = daemonRun(hh);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.err().contains(hh.config + ":10: unknown key 'enabeld' in [notify]"), r.err());
      assertFalse(Files.exists(hh.socket));
    }
  }

  @Test
  void aNotifierTheConfigNamesButNobodyProvidesStopsTheDaemon() throws Exception {
    try (DaemonFixture hh = new DaemonFixture("[notify]\nenabled = [\"slack\"]\n")) {
      Result r = daemonRun(hh);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.err().contains("no notifier provider with id 'slack' was found"), r.err());
    }
  }

  @Test
  void aSecondDaemonOnTheSameSocketIsRefusedAndTheFirstKeepsServing() throws Exception {
    try (DaemonFixture hh = new DaemonFixture().start()) {
      Result second = daemonRun(hh);
      assertEquals(1, second.exit(), second.toString());
      assertTrue(
          second.err().contains("another hosthog daemon already serves " + hh.socket),
          second.err());
      assertEquals(0, hh.as("root", "list").exit());
    }
  }

  @Test
  void aCorruptStoreIsRefusedAndLeftAsItWas() throws Exception {
    try (DaemonFixture hh = new DaemonFixture()) {
      Files.createDirectories(hh.dir.resolve("state"));
      byte[] junk = "definitely not a database".repeat(50).getBytes();
      Files.write(hh.dir.resolve("state/hosthog.db"), junk);
      Result r = daemonRun(hh);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(
          r.err().contains("not an SQLite database") && r.err().contains("untouched"), r.err());
      assertTrue(
          java.util.Arrays.equals(junk, Files.readAllBytes(hh.dir.resolve("state/hosthog.db"))));
    }
  }

  @Test
  void sigtermStopsCleanlyAndRemovesTheSocket() throws Exception {
    DaemonFixture hh = new DaemonFixture().start();
    assertEquals(0, hh.stop(), hh.log());
    assertFalse(Files.exists(hh.socket));
    assertTrue(hh.log().contains("hosthog: daemon stopped"), hh.log());
  }

  @Test
  void aStaleSocketOfADeadDaemonIsReplaced() throws Exception {
    try (DaemonFixture hh = new DaemonFixture().start()) {
      hh.process().destroyForcibly().waitFor();
      assertTrue(Files.exists(hh.socket), "kill -9 leaves the socket file behind");
      hh.start();
      assertEquals(0, hh.as("root", "list").exit());
    }
  }

  @Test
  void withoutADaemonCommandsExitWith3AndSayHowToStartOne() throws Exception {
    try (DaemonFixture hh = new DaemonFixture()) {
      Result r = hh.as("root", "list");
      assertEquals(3, r.exit(), r.toString());
      assertTrue(r.err().contains("hosthog daemon"), r.err());
    }
  }

  @Test
  void twentyRacingUsersClaimingOneGpuHaveExactlyOneWinner() throws Exception {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      users.add("hhrace" + i);
      RealUsers.ensure("hhrace" + i);
    }
    try (DaemonFixture hh = new DaemonFixture().start()) {
      ExecutorService pool = Executors.newFixedThreadPool(20);
      List<Future<Result>> results = new ArrayList<>();
      for (String u : users) {
        results.add(pool.submit(() -> hh.as(u, "claim", "gpu:3", "--for", "1h", "-m", "race")));
      }
      int winners = 0;
      int refused = 0;
      for (Future<Result> f : results) {
        Result r = f.get(300, TimeUnit.SECONDS);
        winners += r.exit() == 0 ? 1 : 0;
        refused += r.exit() == 1 && r.err().contains("conflicts with") ? 1 : 0;
      }
      pool.shutdown();
      assertEquals(1, winners);
      assertEquals(19, refused);
      try (HosthogClient c = HosthogClient.connect(List.of(hh.socket), Duration.ofSeconds(10))) {
        Response<List<ReservationView>> all =
            c.call(new Request.ListReservations(true, false, Optional.empty()));
        assertEquals(1, ((Response.Ok<List<ReservationView>>) all).result().size(), all.toString());
      }
    }
  }

  @Test
  void killMinus9DuringAStreamOfClaimsLosesNoAcknowledgedClaim() throws Exception {
    try (DaemonFixture hh = new DaemonFixture().start()) {
      Set<Long> acknowledged = new HashSet<>();
      Thread killer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1500);
                  hh.process().destroyForcibly(); // SIGKILL mid-stream
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      killer.start();
      try (HosthogClient c = HosthogClient.connect(List.of(hh.socket), Duration.ofSeconds(10))) {
        for (int i = 0; i < 100_000; i++) {
          Response<Granted> r =
              c.call(
                  new Request.Claim(
                      List.of("gpu:" + (i % 4)),
                      Optional.empty(),
                      Optional.of("+" + (i + 1) + "h"),
                      Optional.empty(),
                      Optional.of("30m"),
                      Optional.empty(),
                      "stream " + i,
                      false));
          assertTrue(r instanceof Response.Ok, r.toString());
          acknowledged.add(((Response.Ok<Granted>) r).result().reservation().id());
        }
      } catch (DaemonUnreachableException expected) {
        // the daemon died under us: what it acknowledged must be there after a restart
      }
      killer.join();
      hh.process().waitFor();
      assertNotEquals(0, acknowledged.size(), "some claims were acknowledged before the kill");
      hh.start();
      try (HosthogClient c = HosthogClient.connect(List.of(hh.socket), Duration.ofSeconds(10))) {
        Response<List<ReservationView>> all =
            c.call(new Request.ListReservations(true, false, Optional.empty()));
        Set<Long> stored = new HashSet<>();
        for (ReservationView r : ((Response.Ok<List<ReservationView>>) all).result()) {
          stored.add(r.id());
        }
        assertTrue(
            stored.containsAll(acknowledged),
            "lost: " + acknowledged.stream().filter(id -> !stored.contains(id)).toList());
      }
    }
  }
}
