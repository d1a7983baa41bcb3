package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GPU workflow through the real socket as real users, on a host whose {@code nvidia-smi} is the
 * {@link GpuStandIn} (4 x A100, processes the test starts).
 */
class GpuWorkflowIT {
  static GpuStandIn gpus;
  static DaemonFixture host;
  static Process busy;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    for (String u : List.of("hhgalice", "hhgbob", "hhgcarol")) {
      RealUsers.ensure(u);
    }
    gpus = new GpuStandIn();
    host = new DaemonFixture(gpus.toml()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  @AfterEach
  void releaseAll() throws Exception {
    if (busy != null) {
      busy.descendants().forEach(ProcessHandle::destroyForcibly);
      busy.destroyForcibly().waitFor();
      busy = null;
    }
    gpus.clear();
    Result list = host.as("root", "list", "--json");
    for (var r : com.google.gson.JsonParser.parseString(list.out()).getAsJsonArray()) {
      long id = r.getAsJsonObject().get("id").getAsLong();
      assertEquals(0, host.as("root", "release", Long.toString(id)).exit());
    }
  }

  /** A real process of {@code user} that the stand-in lists on {@code gpu}. */
  static Process runOnGpu(String user, int gpu) throws Exception {
    Process p = new ProcessBuilder("runuser", "-u", user, "--", "sleep", "600").start();
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (p.toHandle().children().findAny().isEmpty()) { // runuser forks the user's sleep
      assertTrue(System.nanoTime() < deadline, "runuser started no process");
      Thread.sleep(20);
    }
    gpus.run(p.toHandle().children().findFirst().orElseThrow().pid(), gpu);
    // the daemon looks at the GPUs at most every 5 s: wait until it has seen this one
    while (!host.as(user, "status").out().contains(user)) {
      assertTrue(System.nanoTime() < deadline, "status never showed " + user + "'s process");
      Thread.sleep(200);
    }
    return p;
  }

  static String claimed(Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r.err().replaceAll("(?s).*hosthog: claimed (\\S+) .*", "$1");
  }

  @Test
  void anyGpusSkipsTheOnesWithAProcessAndTheClaimedOnes() throws Exception {
    busy = runOnGpu("hhgcarol", 0);
    String alices = claimed(host.as("hhgalice", "claim", "--gpus", "2", "--for", "1h", "-m", "a"));
    assertEquals("gpu:1-2", alices, "gpu:0 runs carol's process: idle ones first");
    String bobs = claimed(host.as("hhgbob", "claim", "--gpus", "2", "--for", "1h", "-m", "b"));
    assertEquals("gpu:0,3", bobs, "the last idle one, then the busy one");
    Result carols = host.as("hhgcarol", "claim", "--gpus", "1", "--for", "30m", "-m", "c");
    assertEquals(1, carols.exit(), carols.toString());
    assertTrue(carols.err().contains("1 GPU asked for, none free from "), carols.err());
    assertTrue(
        carols
            .err()
            .matches("(?s).*gpu:\\d frees up at \\d\\d:\\d\\d \\(reservation \\d+ of hhg.*"),
        carols.err());
  }

  @Test
  void badGpuCountsAreRefusedWithWhatToDo() throws Exception {
    Result zero = host.as("hhgalice", "claim", "--gpus", "0", "--for", "1h", "-m", "x");
    assertEquals(2, zero.exit(), zero.toString());
    assertTrue(zero.err().contains("--gpus takes how many GPUs you need, from 1"), zero.err());
    Result many = host.as("hhgalice", "claim", "--gpus", "99", "--for", "1h", "-m", "x");
    assertEquals(1, many.exit(), many.toString());
    assertTrue(many.err().contains("this host has 4 GPUs (gpu:0-3); 99 asks for more"), many.err());
    Result both = host.as("hhgalice", "claim", "--gpus", "1", "gpu:0", "--for", "1h", "-m", "x");
    assertEquals(2, both.exit(), both.toString());
    assertTrue(both.err().contains("not both"), both.err());
    Result word = host.as("hhgalice", "claim", "--gpus", "two", "--for", "1h", "-m", "x");
    assertEquals(2, word.exit(), word.toString());
    assertTrue(word.err().contains("'two'"), word.err());
    Result forced =
        host.as("hhgalice", "claim", "--gpus", "1", "--force", "--for", "1h", "-m", "x");
    assertEquals(2, forced.exit(), forced.toString());
    assertEquals("[]", host.as("hhgalice", "list", "--json").out().strip(), "nothing stored");
  }
}
