package org.hosthog.store.mapdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hosthog.api.StoreException;
import org.hosthog.tck.Reservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/**
 * What only the MapDB store does: the lock against a second user, refusing damaged, foreign and
 * newer files.
 */
class MapdbStoreTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("hosthog.mapdb");
  }

  @Test
  void aSecondOpenerIsRefusedWhileTheFileIsInUse() {
    try (MapdbStore first = MapdbStore.open(file())) {
      first.write(tx -> tx.insert(Reservations.of("alice", "gpu:0", 0, 1)));
      StoreException e = assertThrows(StoreException.class, () -> MapdbStore.open(file()));
      assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
      assertEquals(
          1,
          first.query(org.hosthog.api.ReservationQuery.history()).size(),
          "the first keeps working");
    }
  }

  @Test
  void aDamagedFileIsRefusedAndLeftUntouched() throws Exception {
    byte[] garbage = "not a database at all, just text ".repeat(400).getBytes();
    Files.write(file(), garbage);
    StoreException e = assertThrows(StoreException.class, () -> MapdbStore.open(file()));
    assertTrue(e.getMessage().contains("untouched"), e.getMessage());
    assertArrayEquals(garbage, Files.readAllBytes(file()));
  }

  @Test
  void aNewerSchemaIsRefused() {
    try (MapdbStore s = MapdbStore.open(file())) {
      s.write(tx -> tx.insert(Reservations.of("alice", "gpu:0", 0, 1)));
    }
    DB db = DBMaker.fileDB(file().toFile()).transactionEnable().make();
    db.atomicInteger("schema").createOrOpen().set(MapdbStore.SCHEMA + 1);
    db.commit();
    db.close();
    StoreException e = assertThrows(StoreException.class, () -> MapdbStore.open(file()));
    assertTrue(e.getMessage().contains("newer hosthog"), e.getMessage());
  }

  @Test
  void someoneElsesMapdbFileIsRefused() {
    DB db = DBMaker.fileDB(file().toFile()).transactionEnable().make();
    db.treeMap("recipes").createOrOpen();
    db.atomicString("application").createOrOpen().set("cookbook");
    db.commit();
    db.close();
    StoreException e = assertThrows(StoreException.class, () -> MapdbStore.open(file()));
    assertTrue(e.getMessage().contains("not hosthog's"), e.getMessage());
  }
}
