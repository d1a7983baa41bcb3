package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hosthog.api.HosthogException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the fleet database promises, run against SQLite and PostgreSQL alike (each subclass gives a
 * fresh database).
 */
abstract class FleetDbContract {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  FleetDb db;

  /** A config naming a fresh, empty database. */
  abstract ServerConfig freshConfig() throws Exception;

  ServerConfig config;

  @BeforeEach
  void open() throws Exception {
    config = freshConfig();
    db = FleetDb.open(config);
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    db.close();
  }

  static FleetDb.Stored reservation(String host, UUID uuid, long version, String message) {
    return new FleetDb.Stored(
        uuid,
        host,
        7,
        version,
        "alice",
        NOW,
        NOW.plus(Duration.ofHours(2)),
        Optional.empty(),
        "{\"message\":\"" + message + "\"}");
  }

  @Test
  void aNewerVersionReplacesAnOlderOneNeverTheOtherWayRound() {
    UUID u = UUID.randomUUID();
    assertTrue(db.upsert(reservation("alpha", u, 2, "two"), NOW));
    assertFalse(db.upsert(reservation("alpha", u, 1, "one"), NOW), "older is stale");
    assertFalse(db.upsert(reservation("alpha", u, 2, "two again"), NOW), "same is stale");
    assertEquals("{\"message\":\"two\"}", db.reservation(u).orElseThrow().body());
    assertTrue(db.upsert(reservation("alpha", u, 3, "three"), NOW));
    assertEquals(3, db.reservation("alpha", 7).orElseThrow().version());
  }

  @Test
  void aReservationOfOneHostIsNeverOverwrittenByAnother() {
    UUID u = UUID.randomUUID();
    assertTrue(db.upsert(reservation("alpha", u, 1, "alpha's"), NOW));
    assertFalse(db.upsert(reservation("beta", u, 9, "beta's"), NOW));
    assertEquals("alpha", db.reservation(u).orElseThrow().host());
  }

  @Test
  void filtersByHostOwnerTimeAndRelease() {
    db.upsert(reservation("alpha", UUID.randomUUID(), 1, "a"), NOW);
    FleetDb.Stored released =
        new FleetDb.Stored(
            UUID.randomUUID(),
            "beta",
            1,
            1,
            "bob",
            NOW,
            NOW.plusSeconds(60),
            Optional.of(NOW.plusSeconds(30)),
            "{}");
    db.upsert(released, NOW);
    FleetDb.Stored later =
        new FleetDb.Stored(
            UUID.randomUUID(),
            "beta",
            2,
            1,
            "bob",
            NOW.plus(Duration.ofDays(3)),
            NOW.plus(Duration.ofDays(4)),
            Optional.empty(),
            "{}");
    db.upsert(later, NOW);
    assertEquals(1, db.reservations(filter("alpha", null, null, null, false)).size());
    assertEquals(1, db.reservations(filter(null, "bob", null, null, false)).size());
    assertEquals(2, db.reservations(filter(null, "bob", null, null, true)).size());
    assertEquals(
        List.of(later.uuid()),
        db.reservations(filter(null, null, NOW.plus(Duration.ofDays(2)), null, true)).stream()
            .map(FleetDb.Stored::uuid)
            .toList());
    assertEquals(
        2, db.reservations(filter(null, null, null, NOW.plus(Duration.ofDays(1)), true)).size());
  }

  private static FleetDb.Filter filter(
      String host, String owner, Instant from, Instant to, boolean released) {
    return new FleetDb.Filter(
        Optional.ofNullable(host),
        Optional.ofNullable(owner),
        Optional.ofNullable(from),
        Optional.ofNullable(to),
        released);
  }

  @Test
  void enrollingAgainReplacesTheTokenAndRevokingEndsIt() {
    db.enroll("alpha", "hash1", NOW);
    assertEquals(Optional.of("alpha"), db.hostForToken("hash1"));
    db.enroll("alpha", "hash2", NOW);
    assertEquals(Optional.empty(), db.hostForToken("hash1"));
    assertEquals(Optional.of("alpha"), db.hostForToken("hash2"));
    assertTrue(db.revoke("alpha", NOW));
    assertEquals(Optional.empty(), db.hostForToken("hash2"));
    assertTrue(db.host("alpha").orElseThrow().revoked().isPresent());
    assertFalse(db.revoke("nobody", NOW));
  }

  @Test
  void contactAndInventoryAreRecorded() {
    db.enroll("alpha", "h", NOW);
    assertTrue(db.host("alpha").orElseThrow().lastSeen().isEmpty());
    db.touch("alpha", NOW, Optional.of("{\"cpus\":2}"));
    db.touch("alpha", NOW.plusSeconds(5), Optional.empty());
    FleetDb.HostRow row = db.host("alpha").orElseThrow();
    assertEquals(Optional.of(NOW.plusSeconds(5)), row.lastSeen());
    assertEquals(Optional.of("{\"cpus\":2}"), row.inventory());
  }

  @Test
  void aLoginLinkWorksOnceAndNotAfterItExpires() {
    db.createLogin("t1", "alice", "alpha", NOW.plusSeconds(300));
    assertEquals(new FleetDb.LoginUse.LoggedIn("alice"), db.useLogin("t1", NOW));
    assertEquals(FleetDb.LoginUse.Refused.USED, db.useLogin("t1", NOW));
    db.createLogin("t2", "bob", "alpha", NOW.plusSeconds(300));
    assertEquals(FleetDb.LoginUse.Refused.EXPIRED, db.useLogin("t2", NOW.plusSeconds(301)));
    assertEquals(FleetDb.LoginUse.Refused.UNKNOWN, db.useLogin("nope", NOW));
  }

  @Test
  void sessionsHoldUntilTheyExpire() {
    db.createSession("s", "alice", "csrf", NOW.plusSeconds(60));
    assertEquals(
        Optional.of(new FleetDb.Session("alice", "csrf", NOW.plusSeconds(60))),
        db.session("s", NOW.plusSeconds(59)));
    assertEquals(Optional.empty(), db.session("s", NOW.plusSeconds(60)));
    assertEquals(Optional.empty(), db.session("other", NOW));
  }

  @Test
  void aRequestIsAnsweredOnceAndOnlyByItsHost() {
    long id = db.createRequest("alpha", "bob", false, "{\"op\":\"release\"}", NOW);
    assertEquals(1, db.unanswered("alpha", NOW.minusSeconds(1)).size());
    assertFalse(db.answer(id, "beta", "{}", NOW), "another host's answer is refused");
    assertTrue(db.answer(id, "alpha", "{\"ok\":true}", NOW));
    assertFalse(db.answer(id, "alpha", "{\"ok\":false}", NOW), "answered once");
    assertEquals(Optional.of("{\"ok\":true}"), db.request(id).orElseThrow().answer());
    assertTrue(db.unanswered("alpha", NOW.minusSeconds(1)).isEmpty());
    long admin = db.createRequest("alpha", "carol", true, "x", NOW);
    assertTrue(db.request(admin).orElseThrow().admin());
    assertTrue(!db.request(id).orElseThrow().admin());
  }

  @Test
  void aDatabaseOfANewerSchemaIsRefusedAndLeftAlone() {
    UUID u = UUID.randomUUID();
    db.upsert(reservation("alpha", u, 1, "kept"), NOW);
    db.jdbi().useHandle(h -> h.execute("INSERT INTO schema_version (version) VALUES (99)"));
    HosthogException e = assertThrows(HosthogException.class, () -> FleetDb.open(config));
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("upgrade hosthog-server"), e.getMessage());
    assertTrue(db.reservation(u).isPresent());
  }

  @Test
  void aVersionOneDatabaseIsMigratedKeepingItsRows() {
    long id = db.createRequest("alpha", "bob", false, "{}", NOW);
    db.jdbi()
        .useHandle(
            h -> {
              h.execute("ALTER TABLE host_requests DROP COLUMN admin");
              h.execute("DROP TABLE feeds");
              h.execute("DROP TABLE host_admins");
              h.execute("DROP TABLE usage_buckets");
              h.execute("DROP TABLE usage_daily");
              h.execute("DROP TABLE usage_hosts");
              h.execute("DELETE FROM schema_version WHERE version >= 2");
            });
    try (FleetDb again = FleetDb.open(config)) {
      FleetDb.HostRequest kept = again.request(id).orElseThrow();
      assertEquals("bob", kept.user());
      assertTrue(!kept.admin());
      again.replaceFeed("bob", "feedhash", NOW);
      assertEquals(Optional.of("bob"), again.feedOwner("feedhash"));
      again.setAdmins("alpha", Set.of("carol"));
      assertEquals(List.of("alpha"), again.adminHosts("carol"));
      assertEquals(0L, again.usage().rowCounts().get("usage_daily"), "version 4's tables");
    }
  }

  @Test
  void aHostsAdminsAreReplacedAsAWholeAndGoWithItsToken() {
    db.enroll("alpha", "ha", NOW);
    db.enroll("beta", "hb", NOW);
    db.setAdmins("alpha", Set.of("carol", "dave"));
    db.setAdmins("beta", Set.of("carol"));
    assertEquals(List.of("alpha", "beta"), db.adminHosts("carol"));
    db.setAdmins("alpha", Set.of("carol"));
    assertEquals(List.of(), db.adminHosts("dave"), "dave left alpha's admin groups");
    db.setAdmins("alpha", Set.of("carol")); // the same again: nothing to write
    assertEquals(List.of("alpha", "beta"), db.adminHosts("carol"));
    assertTrue(db.revoke("beta", NOW));
    assertEquals(List.of("alpha"), db.adminHosts("carol"), "a revoked host counts nobody");
    db.setAdmins("alpha", Set.of());
    assertEquals(List.of(), db.adminHosts("carol"));
  }

  @Test
  void aFeedTokenIsReplacedAndRevoked() {
    db.replaceFeed("alice", "one", NOW);
    db.replaceFeed("alice", "two", NOW);
    assertEquals(Optional.empty(), db.feedOwner("one"));
    assertEquals(Optional.of("alice"), db.feedOwner("two"));
    assertTrue(db.revokeFeed("alice"));
    assertEquals(Optional.empty(), db.feedOwner("two"));
    assertTrue(!db.revokeFeed("alice"));
  }

  @Test
  void openingTwiceMigratesOnce() {
    try (FleetDb again = FleetDb.open(config)) {
      List<Integer> versions =
          again
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT version FROM schema_version")
                          .mapTo(Integer.class)
                          .list());
      assertEquals(List.of(1, 2, 3, 4), versions);
    }
  }
}
