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
import org.hosthog.api.Claim;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Mode;
import org.hosthog.api.Resource;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.HostRequests;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.database.Sessions;
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

  static ReplicaRows.Stored reservation(String host, UUID uuid, long version, String message) {
    return new ReplicaRows.Stored(
        uuid,
        host,
        7,
        version,
        "alice",
        NOW,
        NOW.plus(Duration.ofHours(2)),
        Optional.empty(),
        List.of(Claim.of(Resource.parse("gpu:0"))),
        "{\"message\":\"" + message + "\"}");
  }

  @Test
  void aNewerVersionReplacesAnOlderOneNeverTheOtherWayRound() {
    UUID u = UUID.randomUUID();
    assertTrue(db.replica().upsert(reservation("alpha", u, 2, "two"), NOW));
    assertFalse(db.replica().upsert(reservation("alpha", u, 1, "one"), NOW), "older is stale");
    assertFalse(db.replica().upsert(reservation("alpha", u, 2, "two again"), NOW), "same is stale");
    assertEquals("{\"message\":\"two\"}", db.replica().reservation(u).orElseThrow().body());
    assertTrue(db.replica().upsert(reservation("alpha", u, 3, "three"), NOW));
    assertEquals(3, db.replica().reservation("alpha", 7).orElseThrow().version());
  }

  @Test
  void aReservationOfOneHostIsNeverOverwrittenByAnother() {
    UUID u = UUID.randomUUID();
    assertTrue(db.replica().upsert(reservation("alpha", u, 1, "alpha's"), NOW));
    assertFalse(db.replica().upsert(reservation("beta", u, 9, "beta's"), NOW));
    assertEquals("alpha", db.replica().reservation(u).orElseThrow().host());
  }

  @Test
  void filtersByHostOwnerTimeAndRelease() {
    db.replica().upsert(reservation("alpha", UUID.randomUUID(), 1, "a"), NOW);
    ReplicaRows.Stored released =
        new ReplicaRows.Stored(
            UUID.randomUUID(),
            "beta",
            1,
            1,
            "bob",
            NOW,
            NOW.plusSeconds(60),
            Optional.of(NOW.plusSeconds(30)),
            List.of(Claim.of(Resource.parse("gpu:1"))),
            "{}");
    db.replica().upsert(released, NOW);
    ReplicaRows.Stored later =
        new ReplicaRows.Stored(
            UUID.randomUUID(),
            "beta",
            2,
            1,
            "bob",
            NOW.plus(Duration.ofDays(3)),
            NOW.plus(Duration.ofDays(4)),
            Optional.empty(),
            List.of(new Claim(Resource.parse("host"), Mode.EXCLUSIVE)),
            "{}");
    db.replica().upsert(later, NOW);
    assertEquals(1, db.replica().reservations(filter("alpha", null, null, null, false)).size());
    assertEquals(1, db.replica().reservations(filter(null, "bob", null, null, false)).size());
    assertEquals(2, db.replica().reservations(filter(null, "bob", null, null, true)).size());
    assertEquals(
        List.of(later.uuid()),
        db
            .replica()
            .reservations(filter(null, null, NOW.plus(Duration.ofDays(2)), null, true))
            .stream()
            .map(ReplicaRows.Stored::uuid)
            .toList());
    assertEquals(
        2,
        db.replica()
            .reservations(filter(null, null, null, NOW.plus(Duration.ofDays(1)), true))
            .size());
  }

  private static ReplicaRows.Filter filter(
      String host, String owner, Instant from, Instant to, boolean released) {
    return new ReplicaRows.Filter(
        Optional.ofNullable(host),
        Optional.ofNullable(owner),
        Optional.ofNullable(from),
        Optional.ofNullable(to),
        released);
  }

  @Test
  void enrollingAgainReplacesTheTokenAndRevokingEndsIt() {
    db.hosts().enroll("alpha", "hash1", NOW);
    assertEquals(Optional.of("alpha"), db.hosts().hostForToken("hash1"));
    db.hosts().enroll("alpha", "hash2", NOW);
    assertEquals(Optional.empty(), db.hosts().hostForToken("hash1"));
    assertEquals(Optional.of("alpha"), db.hosts().hostForToken("hash2"));
    assertTrue(db.hosts().revoke("alpha", NOW));
    assertEquals(Optional.empty(), db.hosts().hostForToken("hash2"));
    assertTrue(db.hosts().host("alpha").orElseThrow().revoked().isPresent());
    assertFalse(db.hosts().revoke("nobody", NOW));
  }

  @Test
  void contactAndInventoryAreRecorded() {
    db.hosts().enroll("alpha", "h", NOW);
    assertTrue(db.hosts().host("alpha").orElseThrow().lastSeen().isEmpty());
    db.hosts().touch("alpha", NOW, Optional.of("{\"cpus\":2}"));
    db.hosts().touch("alpha", NOW.plusSeconds(5), Optional.empty());
    Hosts.HostRow row = db.hosts().host("alpha").orElseThrow();
    assertEquals(Optional.of(NOW.plusSeconds(5)), row.lastSeen());
    assertEquals(Optional.of("{\"cpus\":2}"), row.inventory());
  }

  @Test
  void aLoginLinkWorksOnceAndNotAfterItExpires() {
    db.sessions().createLogin("t1", "alice", "alpha", NOW.plusSeconds(300));
    assertEquals(
        new Sessions.LoginUse.LoggedIn("alice", "alpha"), db.sessions().useLogin("t1", NOW));
    assertEquals(Sessions.LoginUse.Refused.USED, db.sessions().useLogin("t1", NOW));
    db.sessions().createLogin("t2", "bob", "alpha", NOW.plusSeconds(300));
    assertEquals(
        Sessions.LoginUse.Refused.EXPIRED, db.sessions().useLogin("t2", NOW.plusSeconds(301)));
    assertEquals(Sessions.LoginUse.Refused.UNKNOWN, db.sessions().useLogin("nope", NOW));
  }

  @Test
  void sessionsHoldUntilTheyExpire() {
    db.sessions().createSession("s", "alice", Optional.of("alpha"), "csrf", NOW.plusSeconds(60));
    assertEquals(
        Optional.of(
            new Sessions.Session("s", "alice", "csrf", NOW.plusSeconds(60), Optional.of("alpha"))),
        db.sessions().session("s", NOW.plusSeconds(59)));
    assertEquals(Optional.empty(), db.sessions().session("s", NOW.plusSeconds(60)));
    assertEquals(Set.of("s"), db.sessions().live(List.of("s", "other"), NOW.plusSeconds(59)));
    assertEquals(Set.of(), db.sessions().live(List.of("s"), NOW.plusSeconds(60)));
    db.sessions().end("s");
    assertEquals(Set.of(), db.sessions().live(List.of("s"), NOW), "ended");
    assertEquals(Optional.empty(), db.sessions().session("other", NOW));
  }

  @Test
  void revokingAHostEndsTheSessionsAndUnusedLinksItVouchedForAndNoOthers() {
    db.hosts().enroll("alpha", "ha", NOW);
    db.hosts().enroll("beta", "hb", NOW);
    db.sessions().createSession("sa", "alice", Optional.of("alpha"), "c1", NOW.plusSeconds(600));
    db.sessions().createSession("sb", "alice", Optional.of("beta"), "c2", NOW.plusSeconds(600));
    db.sessions().createSession("sp", "alice", Optional.empty(), "c3", NOW.plusSeconds(600));
    db.sessions().createLogin("la", "bob", "alpha", NOW.plusSeconds(300));
    db.sessions().createLogin("lb", "bob", "beta", NOW.plusSeconds(300));
    assertTrue(db.hosts().revoke("alpha", NOW));
    assertEquals(Optional.empty(), db.sessions().session("sa", NOW));
    assertTrue(db.sessions().session("sb", NOW).isPresent(), "beta vouched for that one");
    assertTrue(db.sessions().session("sp", NOW).isPresent(), "the proxy vouched for that one");
    assertEquals(Sessions.LoginUse.Refused.UNKNOWN, db.sessions().useLogin("la", NOW));
    assertEquals(new Sessions.LoginUse.LoggedIn("bob", "beta"), db.sessions().useLogin("lb", NOW));
  }

  @Test
  void aRequestIsAnsweredOnceAndOnlyByItsHost() {
    var bob = new HostRequests.Requester("bob", false, false);
    long id = db.requests().createRequest("alpha", bob, "{\"op\":\"release\"}", NOW);
    assertEquals(1, db.requests().unanswered("alpha", NOW.minusSeconds(1)).size());
    assertFalse(db.requests().answer(id, "beta", "{}", NOW), "another host's answer is refused");
    assertTrue(db.requests().answer(id, "alpha", "{\"ok\":true}", NOW));
    assertFalse(db.requests().answer(id, "alpha", "{\"ok\":false}", NOW), "answered once");
    assertEquals(Optional.of("{\"ok\":true}"), db.requests().request(id).orElseThrow().answer());
    assertTrue(db.requests().unanswered("alpha", NOW.minusSeconds(1)).isEmpty());
    var carol = new HostRequests.Requester("carol", true, true);
    long admin = db.requests().createRequest("alpha", carol, "x", NOW);
    assertEquals(carol, db.requests().request(admin).orElseThrow().requester());
    assertEquals(bob, db.requests().request(id).orElseThrow().requester(), "who it is for");
  }

  @Test
  void aDatabaseOfANewerSchemaIsRefusedAndLeftAlone() {
    UUID u = UUID.randomUUID();
    db.replica().upsert(reservation("alpha", u, 1, "kept"), NOW);
    db.jdbi().useHandle(h -> h.execute("INSERT INTO schema_version (version) VALUES (99)"));
    HosthogException e = assertThrows(HosthogException.class, () -> FleetDb.open(config));
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("upgrade hosthog-server"), e.getMessage());
    assertTrue(db.replica().reservation(u).isPresent());
  }

  @Test
  void aVersionOneDatabaseIsMigratedKeepingItsRows() {
    long id =
        db.requests()
            .createRequest("alpha", new HostRequests.Requester("bob", false, false), "{}", NOW);
    db.jdbi()
        .useHandle(
            h -> {
              h.execute("ALTER TABLE host_requests DROP COLUMN admin");
              h.execute("ALTER TABLE host_requests DROP COLUMN vouched_here");
              h.execute("DROP TABLE feeds");
              h.execute("DROP TABLE host_admins");
              h.execute("DROP TABLE usage_buckets");
              h.execute("DROP TABLE usage_daily");
              h.execute("DROP TABLE usage_hosts");
              h.execute("ALTER TABLE sessions DROP COLUMN host");
              h.execute("ALTER TABLE hosts DROP COLUMN gpu_loads");
              h.execute("ALTER TABLE reservations DROP COLUMN claims");
              h.execute("DELETE FROM schema_version WHERE version >= 2");
            });
    try (FleetDb again = FleetDb.open(config)) {
      HostRequests.HostRequest kept = again.requests().request(id).orElseThrow();
      assertEquals(
          new HostRequests.Requester("bob", false, true),
          kept.requester(),
          "not an admin; vouched for as before version 6");
      again.feeds().replaceFeed("bob", "feedhash", NOW);
      assertEquals(Optional.of("bob"), again.feeds().feedOwner("feedhash"));
      again.hosts().setAdmins("alpha", Set.of("carol"));
      assertEquals(List.of("alpha"), again.hosts().adminHosts("carol"));
      assertEquals(0L, again.usage().rowCounts().get("usage_daily"), "version 4's tables");
      again.sessions().createSession("s", "bob", Optional.of("alpha"), "c", NOW.plusSeconds(60));
      assertTrue(again.sessions().session("s", NOW).isPresent(), "version 5's column");
    }
  }

  @Test
  void theClaimsAreReadAsTheyWereStored() {
    UUID u = UUID.randomUUID();
    List<Claim> claims =
        List.of(
            new Claim(Resource.parse("gpu:0-3,6"), Mode.SHARED),
            Claim.of(Resource.parse("cpu:8")),
            Claim.of(Resource.parse("fpga0")),
            new Claim(Resource.parse("host"), Mode.EXCLUSIVE));
    db.replica().upsert(ReplicaFixtures.alices(u, claims, NOW, NOW.plus(Duration.ofHours(1))), NOW);
    assertEquals(claims, db.replica().reservation(u).orElseThrow().claims());
  }

  @Test
  void aVersionSevenDatabaseGetsTheClaimsOfItsReservationsFromTheirJson() {
    UUID u = UUID.randomUUID();
    List<Claim> claims = List.of(new Claim(Resource.parse("gpu:2-3"), Mode.SHARED));
    db.replica().upsert(ReplicaFixtures.alices(u, claims, NOW, NOW.plus(Duration.ofHours(1))), NOW);
    db.jdbi()
        .useHandle(
            h -> {
              h.execute("ALTER TABLE reservations DROP COLUMN claims");
              h.execute("DELETE FROM schema_version WHERE version >= 8");
            });
    try (FleetDb again = FleetDb.open(config)) {
      assertEquals(claims, again.replica().reservation(u).orElseThrow().claims());
    }
  }

  @Test
  void aHostsAdminsAreReplacedAsAWholeAndGoWithItsToken() {
    db.hosts().enroll("alpha", "ha", NOW);
    db.hosts().enroll("beta", "hb", NOW);
    db.hosts().setAdmins("alpha", Set.of("carol", "dave"));
    db.hosts().setAdmins("beta", Set.of("carol"));
    assertEquals(List.of("alpha", "beta"), db.hosts().adminHosts("carol"));
    db.hosts().setAdmins("alpha", Set.of("carol"));
    assertEquals(List.of(), db.hosts().adminHosts("dave"), "dave left alpha's admin groups");
    db.hosts().setAdmins("alpha", Set.of("carol")); // the same again: nothing to write
    assertEquals(List.of("alpha", "beta"), db.hosts().adminHosts("carol"));
    assertTrue(db.hosts().revoke("beta", NOW));
    assertEquals(List.of("alpha"), db.hosts().adminHosts("carol"), "a revoked host counts nobody");
    db.hosts().setAdmins("alpha", Set.of());
    assertEquals(List.of(), db.hosts().adminHosts("carol"));
  }

  @Test
  void aFeedTokenIsReplacedAndRevoked() {
    db.feeds().replaceFeed("alice", "one", NOW);
    db.feeds().replaceFeed("alice", "two", NOW);
    assertEquals(Optional.empty(), db.feeds().feedOwner("one"));
    assertEquals(Optional.of("alice"), db.feeds().feedOwner("two"));
    assertTrue(db.feeds().revokeFeed("alice"));
    assertEquals(Optional.empty(), db.feeds().feedOwner("two"));
    assertTrue(!db.feeds().revokeFeed("alice"));
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
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), versions);
    }
  }
}
