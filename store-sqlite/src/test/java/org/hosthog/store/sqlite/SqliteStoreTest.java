package org.hosthog.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.StoreException;
import org.hosthog.tck.Reservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store does: refusing foreign, damaged and newer files; WAL; indexes. */
class SqliteStoreTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("hosthog.db");
  }

  private void seed() {
    try (SqliteStore s = SqliteStore.open(db())) {
      for (int i = 0; i < 200; i++) {
        int hour = i;
        s.write(tx -> tx.insert(Reservations.of("alice", "gpu:0", hour, 1)));
      }
    }
  }

  @Test
  void aFileThatIsNotSqliteIsRefusedAndLeftUntouched() throws Exception {
    byte[] garbage = "this is my shopping list, not a database\n".repeat(100).getBytes();
    Files.write(db(), garbage);
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(db()));
    assertTrue(e.getMessage().contains("not an SQLite database"), e.getMessage());
    assertTrue(e.getMessage().contains(db().toString()), e.getMessage());
    assertArrayEquals(garbage, Files.readAllBytes(db()));
  }

  @Test
  void aDamagedDatabaseIsRefusedAndLeftUntouched() throws Exception {
    seed();
    byte[] bytes = Files.readAllBytes(db());
    for (int i = 4096; i < bytes.length; i += 7) { // keep the header page, wreck the data pages
      bytes[i] = (byte) (bytes[i] ^ 0x5A);
    }
    Files.write(db(), bytes);
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(db()));
    assertTrue(e.getMessage().contains("untouched"), e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(db()));
  }

  @Test
  void aDatabaseOfANewerSchemaIsRefusedAndLeftUntouched() throws Exception {
    seed();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    byte[] before = Files.readAllBytes(db());
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(db()));
    assertTrue(e.getMessage().contains("newer hosthog (schema 99"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(db()));
  }

  @Test
  void someoneElsesSqliteDatabaseIsRefused() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE recipes (name TEXT)");
    }
    StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(db()));
    assertTrue(e.getMessage().contains("not hosthog's"), e.getMessage());
  }

  @Test
  void anEmptyFileBecomesAStore() throws Exception {
    Files.createFile(db());
    try (SqliteStore s = SqliteStore.open(db())) {
      s.write(tx -> tx.insert(Reservations.of("alice", "gpu:0", 0, 1)));
    }
    assertEquals(List.of("wal", "3"), pragmas("journal_mode", "user_version"));
  }

  @Test
  void windowQueriesScanOnlyTheStartsInsideTheWindowWidenedByTheLongestSpan() throws Exception {
    seed();
    Instant from = Reservations.T0.plus(Duration.ofHours(100));
    String plan =
        plan(
            SqliteTransaction.sql(
                ReservationQuery.overlapping(from, from.plus(Duration.ofHours(2)))));
    assertTrue(plan.contains("USING INDEX reservation_by_start (start_ms>? AND start_ms<?)"), plan);
  }

  @Test
  void currentQueriesScanOnlyWhatEndsLater() throws Exception {
    seed();
    String plan = plan(SqliteTransaction.sql(ReservationQuery.current(Reservations.T0)));
    assertTrue(plan.contains("USING INDEX reservation_by_end (end_ms>?)"), plan);
  }

  @Test
  void aLongReservationIsStillFoundByWindowsFarFromItsStart() {
    try (SqliteStore s = SqliteStore.open(db())) {
      Reservation year = s.write(tx -> tx.insert(Reservations.of("alice", "gpu:0", 0, 24 * 365)));
      s.write(tx -> tx.insert(Reservations.of("bob", "gpu:1", 5000, 1)));
      Instant july = Reservations.T0.plus(Duration.ofDays(200));
      assertEquals(
          List.of(year),
          s.query(ReservationQuery.overlapping(july, july.plus(Duration.ofHours(1)))));
    }
  }

  @Test
  void aVersionOneDatabaseIsMigratedKeepingItsData() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement()) {
      String v1 =
          new String(getClass().getResourceAsStream("schema-1.sql").readAllBytes())
              .replaceAll("--[^\\n]*", "");
      for (String statement : v1.split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
      s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
      s.execute("PRAGMA user_version = 1");
      s.execute(
          "INSERT INTO reservation (uuid, host, owner, claims, start_ms, end_ms, message, created_ms, updated_ms, updated_by)"
              + " VALUES ('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'h', 'alice', 'gpu:0=exclusive', 0, 7200000, 'old', 0, 0, 'alice')");
    }
    try (SqliteStore s = SqliteStore.open(db())) {
      assertEquals("old", s.find(1).orElseThrow().message());
      assertEquals(Optional.empty(), s.find(1).orElseThrow().series(), "no series before 3");
      assertEquals(
          1,
          s.query(
                  ReservationQuery.overlapping(
                      Instant.ofEpochMilli(3_600_000), Instant.ofEpochMilli(3_600_001)))
              .size());
    }
    assertEquals(List.of("3"), pragmas("user_version"));
  }

  private String plan(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString("detail")).append('\n');
      }
      return plan.toString();
    }
  }

  private List<String> pragmas(String... names) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement()) {
      java.util.ArrayList<String> values = new java.util.ArrayList<>();
      for (String name : names) {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
          rs.next();
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }
}
