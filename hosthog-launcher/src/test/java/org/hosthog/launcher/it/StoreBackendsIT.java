package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.BeforeAll;
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
    return "[store]\nbackend = \"" + backend + "\"\n[notify]\nenabled = []\n[plugins]\ndir = [\""
        + DaemonFixture.COPY.resolve("hosthog/plugins/store-mapdb") + "\"]\n";
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
      String later = hh.as("hhsbob", "claim", "fpga0", "--at", "+5h", "--for", "1h", "-m", "later").out().strip();

      hh.process().destroyForcibly().waitFor(); // kill -9: everything acknowledged must be there
      hh.start();
      Result list = hh.as("hhsbob", "list");
      assertTrue(list.out().contains("on " + backend) && list.out().contains("later"), list.toString());
      assertEquals(0, hh.as("hhsbob", "release", later).exit());
      Result show = hh.as("hhsalice", "show", id, "--json");
      assertTrue(show.out().contains("\"kind\": \"changed\"") && show.out().contains("\"actor\": \"hhsalice\""), show.out());
      assertTrue(hh.as("hhsalice", "list", "--all", "--json").out().contains("\"state\": \"released\""));
    }
  }
}
