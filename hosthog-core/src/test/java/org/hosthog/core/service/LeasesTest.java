package org.hosthog.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Inventory;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.State;
import org.hosthog.core.Hosthog;
import org.hosthog.core.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases over a real SQLite store: renewal, expiry, extension, a restart in between. */
class LeasesTest {
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
  private static final Actor ALICE = Actor.of("alice");

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private Hosthog hosthog;
  private Leases leases;

  @BeforeEach
  void open() {
    hosthog =
        Hosthog.builder()
            .host("gpu-box")
            .stateDir(dir)
            .inventory(new Inventory(8, List.of(), List.of("fpga0")))
            .clock(clock)
            .zone(ZoneId.of("UTC"))
            .scheduler(false)
            .build();
    leases = Leases.open(hosthog.reservations(), clock, dir);
  }

  @AfterEach
  void close() {
    leases.close();
    hosthog.close();
  }

  private Reservation lease(Duration span) {
    Outcome o =
        hosthog
            .reservations()
            .claim(
                ALICE,
                new ClaimRequest(
                    List.of(Claim.of(Resource.parse("fpga0"))),
                    clock.instant(),
                    clock.instant().plus(span),
                    "run: train",
                    false));
    Reservation r = assertInstanceOf(Outcome.Granted.class, o).reservation();
    leases.start(r.id());
    return r;
  }

  private Reservation now(Reservation r) {
    return hosthog.reservations().find(r.id()).orElseThrow();
  }

  @Test
  void aRenewedLeaseLivesAndOneNotRenewedForAMinuteIsReleased() {
    Reservation r = lease(Duration.ofDays(1));
    clock.advance(Duration.ofSeconds(50));
    assertTrue(leases.renew(ALICE, r.id()).isPresent());
    assertTrue(leases.renew(Actor.of("bob"), r.id()).isEmpty(), "only its owner renews it");
    clock.advance(Duration.ofSeconds(50));
    leases.sweep();
    assertEquals(State.ACTIVE, now(r).state(clock.instant()), "renewed 50 s ago");
    clock.advance(Duration.ofSeconds(11));
    leases.sweep();
    assertEquals(State.RELEASED, now(r).state(clock.instant()));
    assertTrue(
        hosthog.reservations().history(r.id()).get(1).detail().contains("via lease expired"),
        hosthog.reservations().history(r.id()).toString());
    assertTrue(leases.renew(ALICE, r.id()).isEmpty(), "an expired lease is not renewed");
  }

  @Test
  void aLiveLeaseIsExtendedADayBeforeItsEndComesNear() {
    Reservation r = lease(Duration.ofMinutes(90));
    clock.advance(Duration.ofMinutes(31));
    leases.renew(ALICE, r.id());
    leases.sweep();
    assertEquals(r.end().plus(Duration.ofDays(1)), now(r).end());
  }

  @Test
  void aLeaseReleasedBySomeoneElseIsNoLongerRenewed() {
    Reservation r = lease(Duration.ofDays(1));
    hosthog.reservations().release(Actor.of("root"), r.id());
    assertTrue(leases.renew(ALICE, r.id()).isEmpty());
  }

  @Test
  void aRestartGivesEachLeaseAFreshMinuteToBeRenewedIn() {
    Reservation r = lease(Duration.ofDays(1));
    leases.close();
    clock.advance(Duration.ofMinutes(10)); // the daemon was down for 10 minutes
    leases = Leases.open(hosthog.reservations(), clock, dir);
    leases.sweep();
    assertEquals(State.ACTIVE, now(r).state(clock.instant()));
    assertTrue(leases.renew(ALICE, r.id()).isPresent(), "the file kept it a lease");
  }
}
