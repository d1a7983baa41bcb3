package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same CLI session against each store: SQLite (built in) and MapDB (from the distribution's
 * plugin folder), including a kill -9 and a restart.
 */
class StoreBackendsIT {

  @BeforeAll
  static void users() {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhsalice");
    RealUsers.ensure("hhsbob");
  }

  private static String config(String backend) {
    return "[store]\nbackend = \""
        + backend
        + "\"\n[notify]\nenabled = []\n[plugins]\ndir = [\""
        + DaemonFixture.COPY.resolve("hosthog/plugins/store-mapdb")
        + "\"]\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "mapdb"})
  void theSameSessionWorksOnEveryStore(String backend) throws Exception {
    try (DaemonFixture hh = new DaemonFixture(config(backend)).start()) {
      Result plugins = hh.as("hhsalice", "plugins");
      assertTrue(plugins.out().matches("(?s).*store\\s+" + backend + "\\s+yes.*"), plugins.out());
      Result a = hh.as("hhsalice", "claim", "gpu:0-1", "--for", "2h", "-m", "on " + backend);
      assertEquals(0, a.exit(), a.toString());
      String id = a.out().strip();
      Result b = hh.as("hhsbob", "claim", "gpu:1", "--for", "1h", "-m", "clash");
      assertEquals(1, b.exit(), b.toString());
      assertTrue(b.err().contains("conflicts with reservation " + id + " of hhsalice"), b.err());
      assertEquals(0, hh.as("hhsalice", "extend", id, "--by", "1h").exit());
      String later =
          hh.as("hhsbob", "claim", "fpga0", "--at", "+5h", "--for", "1h", "-m", "later")
              .out()
              .strip();

      hh.process().destroyForcibly().waitFor(); // kill -9: everything acknowledged must be there
      hh.start();
      Result list = hh.as("hhsbob", "list");
      assertTrue(
          list.out().contains("on " + backend) && list.out().contains("later"), list.toString());
      assertEquals(0, hh.as("hhsbob", "release", later).exit());
      Result show = hh.as("hhsalice", "show", id, "--json");
      assertTrue(
          show.out().contains("\"kind\": \"changed\"")
              && show.out().contains("\"actor\": \"hhsalice\""),
          show.out());
      assertTrue(
          hh.as("hhsalice", "list", "--all", "--json").out().contains("\"state\": \"released\""));
    }
  }

  /** A config without [plugins] dir: the distribution's own plugins/ is searched by default. */
  @Test
  void theDistributionsOwnPluginsAreFoundWithoutAPluginsSection() throws Exception {
    try (DaemonFixture hh =
        new DaemonFixture("[store]\nbackend = \"mapdb\"\n[notify]\nenabled = []\n").start()) {
      Result plugins = hh.as("hhsalice", "plugins");
      assertTrue(plugins.out().matches("(?s).*store\\s+mapdb\\s+yes.*"), plugins.out());
      assertTrue(
          plugins.out().matches("(?s).*calendar sync\\s+caldav\\s+no.*/plugins/sync-caldav/.*"),
          plugins.out());
      assertEquals(0, hh.as("hhsalice", "claim", "gpu:0", "--for", "1h", "-m", "on mapdb").exit());
    }
  }

  private static Result store(DaemonFixture hh, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(DaemonFixture.BIN.toString(), "store"));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--config", hh.config.toString()));
    return DaemonFixture.exec(argv, null);
  }

  @Test
  void exportAndImportMoveEverythingFromSqliteToMapdb() throws Exception {
    Path dump = Files.createTempFile("hosthog-export-", ".jsonl");
    String all;
    List<String> shown = new java.util.ArrayList<>();
    try (DaemonFixture from = new DaemonFixture(config("sqlite")).start()) {
      String a =
          from.as("hhsalice", "claim", "gpu:0", "--for", "3h", "-m", "Müller's run 训练")
              .out()
              .strip();
      String b =
          from.as(
                  "hhsbob",
                  "claim",
                  "host",
                  "--exclusive",
                  "--at",
                  "+4h",
                  "--for",
                  "1h",
                  "-m",
                  "reboot")
              .out()
              .strip();
      from.as("hhsalice", "extend", a, "--by", "1h");
      from.as("hhsbob", "release", b);
      from.as("hhsbob", "claim", "fpga0", "--at", "+6h", "--for", "2h", "-m", "later");
      Result busy = store(from, "export", "--output", dump.toString());
      assertEquals(1, busy.exit(), "refused while the daemon runs: " + busy);
      assertTrue(busy.err().contains("stop it first"), busy.err());
      all = from.as("hhsbob", "list", "--all", "--json").out();
      for (String id : List.of("1", "2", "3")) {
        shown.add(from.as("hhsbob", "show", id, "--json").out());
      }
      from.stop();
      Result exported = store(from, "export", "--output", dump.toString());
      assertEquals(0, exported.exit(), exported.toString());
      assertTrue(exported.err().contains("exported 3 reservations and 5 changes"), exported.err());
    }
    try (DaemonFixture to = new DaemonFixture(config("mapdb"))) {
      Path garbage =
          Files.writeString(
              Files.createTempFile("garbage-", ".jsonl"),
              "{\"hosthog_export\":1,\"reservations\":1,\"changes\":0}\nnot json\n");
      Result bad = store(to, "import", "--input", garbage.toString());
      assertEquals(1, bad.exit(), bad.toString());
      assertTrue(
          bad.err().contains("line 2 of the export cannot be read")
              && bad.err().contains("nothing was imported"),
          bad.err());
      Result imported = store(to, "import", "--input", dump.toString());
      assertEquals(0, imported.exit(), imported.toString());
      Result again = store(to, "import", "--input", dump.toString());
      assertTrue(
          again.exit() == 1 && again.err().contains("only into an empty store"), again.toString());
      to.start();
      assertEquals(
          all,
          to.as("hhsbob", "list", "--all", "--json").out(),
          "every reservation, field by field");
      for (String id : List.of("1", "2", "3")) {
        assertEquals(
            shown.get(Integer.parseInt(id) - 1),
            to.as("hhsbob", "show", id, "--json").out(),
            "reservation " + id + " and its history");
      }
      Result next = to.as("hhsalice", "claim", "gpu:3", "--for", "1h", "-m", "after the move");
      assertEquals("4", next.out().strip(), "ids continue after the imported ones");
    }
  }
}
