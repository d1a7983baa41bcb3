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
    host = new DaemonFixture(gpus.toml() + "[limits]\nidle_after = \"1m\"\n").start();
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
    // the daemon samples the GPUs every second here: wait until it has seen this one
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

  // ---- hosthog run ---------------------------------------------------------------------------

  static com.google.gson.JsonObject reservation(long id) throws Exception {
    Result show = host.as("root", "show", Long.toString(id), "--json");
    assertEquals(0, show.exit(), show.toString());
    return com.google.gson.JsonParser.parseString(show.out()).getAsJsonObject();
  }

  /** The newest reservation on the host (each test's runs start from a released store). */
  static long newestReservation() throws Exception {
    long newest = 0;
    for (var r :
        com.google.gson.JsonParser.parseString(host.as("root", "list", "--all", "--json").out())
            .getAsJsonArray()) {
      newest = Math.max(newest, r.getAsJsonObject().get("id").getAsLong());
    }
    assertTrue(newest > 0, "a reservation was made");
    return newest;
  }

  @Test
  void runGivesTheCommandItsGpusAndExitCodeAndReleasesAfter() throws Exception {
    Result run =
        host.asWithEnv(
            "hhgalice",
            List.of("CUDA_VISIBLE_DEVICES=7", "HIP_VISIBLE_DEVICES=7"),
            "run",
            "--gpus",
            "2",
            "--",
            "sh",
            "-c",
            "echo \"cuda=$CUDA_VISIBLE_DEVICES hip=$HIP_VISIBLE_DEVICES\"; hosthog_id=$HOSTHOG_RESERVATION;"
                + " echo \"id=$hosthog_id\"; exit 7");
    assertEquals(7, run.exit(), run.toString());
    assertTrue(run.out().contains("cuda=0,1 hip=0,1"), "replaced, not kept: " + run.out());
    long id = newestReservation();
    assertTrue(run.out().contains("id=" + id), run.out());
    assertTrue(run.err().contains("released reservation " + id + " (sh exited with 7)"), run.err());
    var r = reservation(id);
    assertEquals("released", r.get("state").getAsString());
    assertTrue(r.get("message").getAsString().startsWith("run: sh -c echo"), r.toString());
  }

  @Test
  void aCommandThatDoesNotExistExits127LikeAShellAndLeavesNothingClaimed() throws Exception {
    Result run = host.as("hhgalice", "run", "gpu:3", "--for", "1h", "--", "no-such-command-hh");
    assertEquals(127, run.exit(), run.toString());
    assertTrue(run.err().contains("no-such-command-hh: command not found"), run.err());
    assertEquals("released", reservation(newestReservation()).get("state").getAsString());
    Result noDash = host.as("hhgalice", "run", "--gpus", "1", "sleep", "1");
    assertEquals(2, noDash.exit(), noDash.toString());
    assertTrue(noDash.err().contains("put the command after --"), noDash.err());
  }

  @Test
  void ctrlCInATerminalReachesTheCommandAndTheClaimIsReleased() throws Exception {
    String line =
        "TERM=xterm "
            + DaemonFixture.BIN
            + " --socket "
            + host.socket
            + " run --gpus 1 -- sh -c 'trap \"echo got-INT; exit 130\" INT; echo started;"
            + " while :; do sleep 1; done'; echo \"hosthog-exit=$?\"; exec sleep 3600";
    try (TmuxTerminal t = new TmuxTerminal("hhgalice", line)) {
      t.awaitScreen("started", 30);
      long id = newestReservation();
      assertEquals("active", reservation(id).get("state").getAsString());
      t.send("C-c");
      String screen = t.awaitScreen("hosthog-exit=130", 15);
      assertTrue(screen.contains("got-INT"), screen);
      assertTrue(screen.contains("released reservation " + id), screen);
      assertEquals("released", reservation(id).get("state").getAsString());
    }
  }

  /** {@code hosthog run ... -- sleep 600} as hhgalice in the background; its java process. */
  static ProcessHandle runInBackground(String... command) throws Exception {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "runuser",
                "-u",
                "hhgalice",
                "--",
                DaemonFixture.BIN.toString(),
                "--socket",
                host.socket.toString(),
                "run",
                "--gpus",
                "1",
                "--"));
    argv.addAll(List.of(command));
    Process p =
        new ProcessBuilder(argv)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      var java =
          p.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst();
      if (java.isPresent() && host.as("root", "list", "--json").out().contains("hhgalice")) {
        return java.get();
      }
      assertTrue(System.nanoTime() < deadline, "the run never claimed");
      Thread.sleep(100);
    }
  }

  @Test
  void aTermSentToHosthogReachesTheCommandAndTheClaimIsReleased() throws Exception {
    ProcessHandle cli =
        runInBackground("sh", "-c", "trap 'exit 143' TERM; while :; do sleep 1; done");
    long id = newestReservation();
    new ProcessBuilder("kill", "-TERM", Long.toString(cli.pid())).start().waitFor();
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!reservation(id).get("state").getAsString().equals("released")) {
      assertTrue(System.nanoTime() < deadline, "not released after SIGTERM");
      Thread.sleep(200);
    }
    assertTrue(cli.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS) != null);
  }

  @Test
  void aRunKilledWithMinus9LeavesALeaseTheDaemonEndsWithinTwoMinutes() throws Exception {
    ProcessHandle cli = runInBackground("sleep", "600");
    long id = newestReservation();
    List<ProcessHandle> command = cli.descendants().toList();
    cli.destroyForcibly(); // SIGKILL: nothing of hosthog's runs after this
    command.forEach(ProcessHandle::destroyForcibly);
    long killed = System.nanoTime();
    while (!reservation(id).get("state").getAsString().equals("released")) {
      assertTrue(System.nanoTime() - killed < 120_000_000_000L, "the lease outlived 2 minutes");
      Thread.sleep(1000);
    }
    var history = reservation(id).get("history").toString();
    assertTrue(history.contains("lease expired"), history);
  }

  /** {@code hosthog ARGS} as {@code user}, started in the background with its output in a file. */
  static Process background(String user, java.nio.file.Path output, String... args)
      throws Exception {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "runuser",
                "-u",
                user,
                "--",
                DaemonFixture.BIN.toString(),
                "--socket",
                host.socket.toString()));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  static void until(String what, java.util.concurrent.Callable<Boolean> done) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!done.call()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(200);
    }
  }

  @Test
  void twoRunsWaitingForThreeOfFourGpusTakeTurnsFirstComeFirstServed() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hh-wait-");
    Process alice =
        background(
            "hhgalice", dir.resolve("alice"), "run", "--gpus", "3", "--wait", "--", "sleep", "5");
    until("alice runs", () -> host.as("root", "list").out().contains("run: sleep 5"));
    Process bob =
        background(
            "hhgbob",
            dir.resolve("bob"),
            "run",
            "--gpus",
            "3",
            "--wait",
            "--",
            "sh",
            "-c",
            "echo bob-ran-on=$CUDA_VISIBLE_DEVICES");
    until(
        "bob is listed as waiting",
        () ->
            host.as("hhgcarol", "list").out().matches("(?s).*Waiting.*hhgbob .*3 GPUs: run: sh.*"));
    Process carol =
        background("hhgcarol", dir.resolve("carol"), "run", "--gpus", "1", "--wait", "--", "true");
    until(
        "carol waits behind bob though one GPU is free: first come, first served",
        () -> java.nio.file.Files.readString(dir.resolve("carol")).contains("behind 1 other"));
    Process cpu = background("hhgbob", dir.resolve("cpu"), "run", "cpu:0", "--wait", "--", "true");
    assertTrue(cpu.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "cpu:0 is free: it ran");
    String cpus = java.nio.file.Files.readString(dir.resolve("cpu"));
    assertEquals(0, cpu.exitValue(), cpus);
    assertTrue(
        !cpus.contains("behind"), "the GPU waiters do not hold back other resources: " + cpus);
    carol.destroy(); // Ctrl-C while waiting: her place goes once she stops asking
    until("carol's place is gone", () -> !host.as("root", "list").out().contains("hhgcarol"));
    assertTrue(alice.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, alice.exitValue());
    assertTrue(bob.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    String bobs = java.nio.file.Files.readString(dir.resolve("bob"));
    assertEquals(0, bob.exitValue(), bobs);
    assertTrue(bobs.contains("waiting until it can be claimed"), bobs);
    assertTrue(bobs.matches("(?s).*bob-ran-on=\\d,\\d,\\d\\b.*"), bobs);
  }

  // ---- idle and unclaimed -----------------------------------------------------------------------

  static int count(String haystack, String needle) {
    String flat = haystack.replaceAll("\\s+", " ");
    int n = 0;
    for (int at = flat.indexOf(needle); at >= 0; at = flat.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void idleClaimsAndUnclaimedUseAreShownAndTheirPeopleToldOnceOnTheirOwnTerminals()
      throws Exception {
    try (TmuxTerminal alice = new TmuxTerminal("hhgalice", "exec sleep 3600");
        TmuxTerminal carol = new TmuxTerminal("hhgcarol", "exec sleep 3600")) {
      Result claim = host.as("hhgalice", "claim", "gpu:1", "--for", "1h", "-m", "idle one");
      assertEquals(0, claim.exit(), claim.toString());
      String id = claim.out().strip();
      busy = runOnGpu("hhgcarol", 2);
      String unclaimedNote = "which nobody has claimed";
      carol.await(unclaimedNote, 30);
      assertTrue(
          carol.raw().replaceAll("\\s+", " ").contains("runs on gpu:2, " + unclaimedNote),
          carol.raw());
      assertTrue(
          carol.raw().replaceAll("\\s+", " ").contains("hosthog claim gpu:2 --for 4h"),
          carol.raw());
      String status = host.as("hhgbob", "status").out();
      assertTrue(status.matches("(?s).*Unclaimed.*gpu:2\\s+hhgcarol\\s+sleep.*"), status);
      Result bobs = host.as("hhgbob", "claim", "gpu:3", "--for", "1h", "-m", "notebook");
      assertEquals(0, bobs.exit(), bobs.toString());
      Process notebook = runOnGpu("hhgbob", 3);
      gpus.load(3, 2); // a notebook holding the GPU at 2 %: below idle_below (5 %)
      String idleNote = "gpu:1 of your reservation " + id + " has had no process since";
      alice.await(idleNote, 120);
      assertEquals(1, count(alice.raw(), idleNote), alice.raw());
      String idle = host.as("hhgbob", "status").out();
      assertTrue(
          idle.matches(
              "(?s).*Idle.*gpu:1\\s+hhgalice\\s+reservation " + id + ", no process since.*"),
          idle);
      String bobsId = bobs.out().strip();
      until(
          "bob's GPU, held by a process at 2 %, counts as idle",
          () ->
              host.as("hhgbob", "status")
                  .out()
                  .matches("(?s).*gpu:3\\s+hhgbob\\s+reservation " + bobsId + ", at 2 % since.*"));
      var json =
          com.google.gson.JsonParser.parseString(host.as("hhgbob", "status", "--json").out());
      var reasons =
          json.getAsJsonObject().getAsJsonArray("idle").asList().stream()
              .map(i -> i.getAsJsonObject().get("gpu") + " " + i.getAsJsonObject().get("reason"))
              .sorted()
              .toList();
      assertEquals(List.of("1 \"no_process\"", "3 \"low_utilization\""), reasons, json.toString());
      notebook.descendants().forEach(ProcessHandle::destroyForcibly);
      notebook.destroyForcibly();
      Thread.sleep(20_000); // another sample or more: nobody is told twice
      assertEquals(1, count(alice.raw(), idleNote), alice.raw());
      assertEquals(1, count(carol.raw(), unclaimedNote), carol.raw());
      assertEquals(0, count(alice.raw(), unclaimedNote), "carol's process is not alice's business");
      assertEquals(0, count(carol.raw(), idleNote), "alice's idle claim is not carol's business");
    }
  }

  // ---- gpus, and a slow or broken nvidia-smi ----------------------------------------------------

  @Test
  void gpusShowsEachGpusLoadProcessesAndClaimsInTextAndJson() throws Exception {
    assertEquals(0, host.as("hhgalice", "claim", "gpu:0", "--for", "2h", "-m", "train").exit());
    busy = runOnGpu("hhgalice", 0);
    gpus.load(0, 87);
    Process carols = runOnGpu("hhgcarol", 2);
    try {
      until("gpu:0 at 87 %", () -> host.as("hhgbob", "gpus").out().matches("(?s).*gpu:0.*87 %.*"));
      String text = host.as("hhgbob", "gpus").out();
      assertTrue(
          text.matches(
              "(?s).*gpu:0\\s+NVIDIA A100-SXM4-40GB\\s+87 %\\s+1024 / 40960 MiB\\s+hhgalice sleep.*hhgalice until .*"),
          text);
      assertTrue(text.matches("(?s).*gpu:2 .*hhgcarol sleep.*UNCLAIMED.*"), text);
      assertTrue(text.contains("GPUs sampled "), text);
      var all =
          com.google.gson.JsonParser.parseString(host.as("hhgbob", "gpus", "--json").out())
              .getAsJsonArray();
      assertEquals(4, all.size(), all.toString());
      var g0 = all.get(0).getAsJsonObject();
      assertEquals("gpu:0", g0.get("gpu").getAsString());
      assertEquals(0, g0.get("index").getAsInt());
      assertEquals(87, g0.get("utilization_percent").getAsInt());
      assertEquals(1024, g0.get("memory_used_mib").getAsLong());
      var p = g0.getAsJsonArray("processes").get(0).getAsJsonObject();
      assertEquals("hhgalice", p.get("user").getAsString());
      assertEquals(
          busy.toHandle().children().findFirst().orElseThrow().pid(), p.get("pid").getAsLong());
      assertEquals(
          "hhgalice",
          g0.getAsJsonArray("claims").get(0).getAsJsonObject().get("owner").getAsString());
      assertTrue(all.get(2).getAsJsonObject().get("unclaimed").getAsBoolean(), all.toString());
      assertTrue(all.get(3).getAsJsonObject().getAsJsonArray("processes").isEmpty());
    } finally {
      carols.descendants().forEach(ProcessHandle::destroyForcibly);
      carols.destroyForcibly().waitFor();
    }
  }

  @Test
  void gpusWatchRefreshesInPlaceUntilCtrlC() throws Exception {
    java.nio.file.Path out = java.nio.file.Files.createTempFile("hh-watch-", ".txt");
    Process watch = background("hhgbob", out, "gpus", "--watch");
    until(
        "two screens drawn", () -> count(java.nio.file.Files.readString(out), "GPUs sampled") >= 2);
    String screens = java.nio.file.Files.readString(out);
    assertTrue(screens.contains("\033[H\033[2J"), "each screen starts by clearing: " + screens);
    new ProcessBuilder(
            "kill",
            "-INT",
            Long.toString(
                watch
                    .toHandle()
                    .descendants()
                    .reduce((a, b) -> b)
                    .map(ProcessHandle::pid)
                    .orElse(watch.pid())))
        .start()
        .waitFor();
    assertTrue(watch.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "Ctrl-C ends it");
  }

  /**
   * nvidia-smi taking 12 s a call (as on a DGX B200) slows no request: they read the last sample
   * and say its age.
   */
  @Test
  void aSlowNvidiaSmiSlowsNoRequest() throws Exception {
    gpus.slow(12);
    try {
      Thread.sleep(2_000); // the sampler is now inside a 12 s call
      for (String[] command :
          List.of(
              new String[] {"status"},
              new String[] {"claim", "--gpus", "1", "--for", "1h", "-m", "quick"},
              new String[] {"gpus"})) {
        long t0 = System.nanoTime();
        Result r = host.as("hhgbob", command);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r.toString());
        assertTrue( // one that asked nvidia-smi itself would wait 5 s or more
            took < 4_500, String.join(" ", command) + " took " + took + " ms");
      }
      Result list = host.as("hhgbob", "gpus");
      assertTrue(list.out().contains("GPUs sampled "), list.out());
    } finally {
      gpus.slow(0);
      until(
          "a fresh sample again",
          () -> host.as("hhgbob", "gpus").out().matches("(?s).*GPUs sampled \\d s ago.*"));
    }
  }

  @Test
  void aFailingNvidiaSmiIsReportedInItsOwnWordsAndClaimsStillWork() throws Exception {
    String words = "Failed to initialize NVML: Driver/library version mismatch";
    gpus.fail(words);
    try {
      until(
          "status says what nvidia-smi said",
          () -> host.as("hhgbob", "status").out().contains(words));
      assertTrue(host.as("hhgbob", "gpus").out().contains(words));
      var json = com.google.gson.JsonParser.parseString(host.as("hhgbob", "gpus", "--json").out());
      assertTrue(
          json.getAsJsonArray()
              .get(0)
              .getAsJsonObject()
              .get("problem")
              .getAsString()
              .contains(words),
          json.toString());
      Result claim = host.as("hhgbob", "claim", "gpu:1", "--for", "1h", "-m", "still works");
      assertEquals(0, claim.exit(), claim.toString());
    } finally {
      gpus.fail("");
      until("well again", () -> !host.as("hhgbob", "status").out().contains(words));
    }
  }
}
