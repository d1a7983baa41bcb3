package org.hosthog.core.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.StoreException;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.core.Hosthog;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.tck.EmptySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import between two real SQLite stores: everything moves, or nothing. */
class StoreTransferTest {
  @TempDir Path dir;

  private ReservationStore store(String name) {
    return Plugins.builtIn()
        .openStore("sqlite", "gpu-box", dir.resolve(name), EmptySettings.INSTANCE);
  }

  private String exportOfAStoreWithHistory() {
    try (Hosthog h =
        Hosthog.builder()
            .host("gpu-box")
            .stateDir(dir.resolve("from"))
            .gpus(4)
            .scheduler(false)
            .build()) {
      Instant now = Instant.now();
      for (int i = 0; i < 3; i++) {
        Reservation r =
            ((org.hosthog.api.Outcome.Granted)
                    h.reservations()
                        .claim(
                            Actor.of("alice"),
                            new ClaimRequest(
                                List.of(Claim.of(Resource.parse("gpu:" + i))),
                                now,
                                now.plus(Duration.ofHours(2)),
                                "run \"" + i + "\" ✓",
                                false)))
                .reservation();
        h.reservations()
            .edit(Actor.of("alice"), r.id(), EditRequest.endAt(now.plus(Duration.ofHours(3))));
      }
      h.reservations().release(Actor.of("root"), 2);
      SeriesOutcome series = // a series moves with its series id, rule and places
          h.reservations()
              .claimSeries(
                  Actor.of("bob"),
                  new SeriesRequest(
                      new ClaimRequest(
                          List.of(Claim.of(Resource.parse("gpu:3"))),
                          now.plus(Duration.ofDays(1)),
                          now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)),
                          "nightly",
                          false),
                      "day",
                      OptionalInt.of(2),
                      Optional.empty(),
                      false));
      assertEquals(2, ((SeriesOutcome.Done) series).occurrences().size());
    }
    try (ReservationStore from = store("from")) {
      StringWriter out = new StringWriter();
      StoreTransfer.Counts counts = StoreTransfer.export(from, new PrintWriter(out));
      assertEquals(new StoreTransfer.Counts(5, 9), counts);
      return out.toString();
    }
  }

  @Test
  void everythingMovesWithItsIdsAndHistory() throws Exception {
    String export = exportOfAStoreWithHistory();
    try (ReservationStore from = store("from");
        ReservationStore to = store("to")) {
      assertEquals(
          new StoreTransfer.Counts(5, 9),
          StoreTransfer.importInto(to, new BufferedReader(new StringReader(export))));
      assertEquals(from.query(ReservationQuery.history()), to.query(ReservationQuery.history()));
      assertTrue(to.find(5).orElseThrow().series().isPresent(), "the series came along");
      for (long id = 1; id <= 5; id++) {
        assertEquals(from.history(id), to.history(id));
      }
    }
  }

  @Test
  void aDamagedOrIncompleteExportImportsNothing() throws Exception {
    String export = exportOfAStoreWithHistory();
    List<String> lines = export.lines().toList();
    for (String broken :
        List.of(
            export.replaceFirst("\"uuid\":\"[^\"]+\"", "\"uuid\":\"not-a-uuid\""),
            export.replace(lines.get(2), "{\"reservation\":{\"id\":\"x\"}}"),
            String.join("\n", lines.subList(0, 4)),
            "not json\n" + export,
            export.replace(lines.get(5), "{\"something\":1}"))) {
      try (ReservationStore to = store("to-" + broken.hashCode())) {
        StoreException e =
            assertThrows(
                StoreException.class,
                () -> StoreTransfer.importInto(to, new BufferedReader(new StringReader(broken))));
        assertTrue(e.getMessage().contains("nothing was imported"), e.getMessage());
        assertEquals(List.of(), to.query(ReservationQuery.history()), "nothing was written");
      }
    }
  }

  @Test
  void anImportGoesOnlyIntoAnEmptyStore() throws Exception {
    String export = exportOfAStoreWithHistory();
    try (ReservationStore from = store("from")) {
      StoreException e =
          assertThrows(
              StoreException.class,
              () -> StoreTransfer.importInto(from, new BufferedReader(new StringReader(export))));
      assertTrue(e.getMessage().contains("only into an empty store"), e.getMessage());
      assertEquals(5, from.query(ReservationQuery.history()).size());
    }
  }
}
