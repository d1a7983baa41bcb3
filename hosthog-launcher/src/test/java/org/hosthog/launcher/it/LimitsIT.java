package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code [limits]} through the CLI as real users: each limit refuses with its name and value,
 * {@code --force} does not bypass them, an exempt group and an admin group do.
 */
class LimitsIT {
  static final String LIMITS =
      "[limits]\nmax_duration = \"7d\"\nmax_future = \"14d\"\nmax_gpus_per_user = 2\n"
          + "extend_within = \"1d\"\nexempt_groups = [\"hhlexempt\"]\n";
  static DaemonFixture host;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    RealUsers.ensure("hhlalice");
    RealUsers.ensure("hhlbob", "hhlexempt");
    RealUsers.ensure("hhcarol", "hhadmins"); // the fixture's admin group
    host = new DaemonFixture(LIMITS).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  static void refused(Result r, String fragment) {
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains(fragment), r.err());
    assertTrue(r.err().contains("see 'hosthog limits'"), r.err());
  }

  @Test
  void eachLimitRefusesNamingItselfAndForceDoesNotBypassIt() throws Exception {
    refused(
        host.as("hhlalice", "claim", "gpu:0", "--for", "8d", "-m", "long"),
        "over this host's limit max_duration = 7d: this would last 8d");
    refused(
        host.as("hhlalice", "claim", "gpu:0", "--for", "8d", "-m", "long", "--force"),
        "max_duration = 7d");
    refused(
        host.as("hhlalice", "claim", "gpu:0", "--in", "15d", "--for", "1h", "-m", "later"),
        "max_future = 14d");
    assertEquals(0, host.as("hhlalice", "claim", "gpu:0-1", "--for", "2h", "-m", "two").exit());
    refused(
        host.as("hhlalice", "claim", "--gpus", "1", "--for", "1h", "-m", "a third"),
        "max_gpus_per_user = 2: from ");
    Result three = host.as("hhlalice", "claim", "fpga0", "--for", "3d", "-m", "three days");
    assertEquals(0, three.exit(), three.toString());
    refused(
        host.as("hhlalice", "extend", three.out().strip(), "--by", "1h"),
        "extend_within = 1d: reservation " + three.out().strip() + " ends ");
    assertEquals(
        0,
        host.as("hhlalice", "edit", three.out().strip(), "-m", "a new message").exit(),
        "a change that does not move the end later is not held to extend_within");
  }

  @Test
  void anExemptGroupAndAnAdminGroupAreNotHeldToThem() throws Exception {
    Result bob = host.as("hhlbob", "claim", "gpu:2", "--for", "8d", "-m", "exempt");
    assertEquals(0, bob.exit(), bob.toString());
    Result carol =
        host.as("hhcarol", "claim", "gpu:3", "--in", "20d", "--for", "9d", "-m", "admin");
    assertEquals(0, carol.exit(), carol.toString());
  }

  @Test
  void limitsShowsThemAndWhetherTheyHoldForTheCaller() throws Exception {
    Result alice = host.as("hhlalice", "limits");
    assertEquals(0, alice.exit(), alice.toString());
    assertTrue(alice.out().matches("(?s).*max_duration\\s+7d\\s+longest.*"), alice.out());
    assertTrue(alice.out().matches("(?s).*max_gpus_per_user\\s+2\\s.*"), alice.out());
    assertTrue(alice.out().matches("(?s).*exempt_groups\\s+hhlexempt\\s.*"), alice.out());
    assertTrue(alice.out().contains("They hold for you; --force does not bypass them."));
    assertTrue(host.as("hhlbob", "limits").out().contains("They do not hold for you"));
    Result json = host.as("hhlalice", "limits", "--json");
    assertTrue(json.out().contains("\"max_duration\": \"PT168H\""), json.out());
    assertTrue(json.out().contains("\"max_future\": \"PT336H\""), json.out());
  }

  @Test
  void anOutOfRangeLimitStopsTheDaemonAtStartWithFileAndLine() throws Exception {
    DaemonFixture bad = new DaemonFixture("[limits]\nmax_gpus_per_user = -1\n");
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, bad::start);
      assertTrue(
          e.getMessage()
              .matches(
                  "(?s).*hosthog.toml:\\d+: \\[limits\\] max_gpus_per_user = -1:"
                      + " expected a number of GPUs from 1 to 1024.*"),
          e.getMessage());
    } finally {
      bad.close();
    }
  }
}
