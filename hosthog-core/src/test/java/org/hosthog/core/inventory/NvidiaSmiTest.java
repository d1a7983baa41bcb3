package org.hosthog.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostActivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU detection through stand-ins for nvidia-smi that print recorded output for the exact query.
 */
class NvidiaSmiTest {
  @TempDir Path dir;

  private String fixture() throws Exception {
    return new String(getClass().getResourceAsStream("/nvidia-smi/a100x4.csv").readAllBytes());
  }

  /** A stand-in that answers only hosthog's exact query, like the real tool would. */
  private String stub(String body) throws Exception {
    Path script = dir.resolve("nvidia-smi");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "[ \"$*\" = \""
            + String.join(" ", NvidiaSmi.QUERY)
            + "\" ] || { echo \"unexpected args: $*\"; exit 2; }\n"
            + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.toString();
  }

  @Test
  void parsesTheQueryOutput() throws Exception {
    List<Gpu> gpus = NvidiaSmi.parse(fixture());
    assertEquals(4, gpus.size());
    assertEquals(
        new Gpu(0, "NVIDIA A100-SXM4-40GB", "GPU-8f6e4b7a-2d3c-4e5f-9a1b-0c2d3e4f5a6b", 40960),
        gpus.get(0));
    assertEquals(3, gpus.get(3).index());
  }

  @Test
  void namesWithCommasAndUnknownMemoryAreRead() {
    List<Gpu> gpus = NvidiaSmi.parse("0, Tesla K80, rev. B, GPU-aaaa, [N/A]\n");
    assertEquals(new Gpu(0, "Tesla K80, rev. B", "GPU-aaaa", 0), gpus.get(0));
  }

  @Test
  void outputOfAnotherShapeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parse("index, name\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> NvidiaSmi.parse("1, A, GPU-1, 100\n2, B, GPU-2, 100\n"));
  }

  @Test
  void detectsGpusThroughTheRealProcess() throws Exception {
    Files.writeString(dir.resolve("out.csv"), fixture());
    String cmd = stub("cat '" + dir.resolve("out.csv") + "'\n");
    NvidiaSmi.Detection d = new NvidiaSmi(cmd, Duration.ofSeconds(10)).detect();
    assertEquals("", d.problem());
    assertEquals(4, d.gpus().size());
  }

  @Test
  void aMissingBinaryMeansNoGpusAndNoProblem() {
    NvidiaSmi.Detection d =
        new NvidiaSmi(dir.resolve("absent").toString(), Duration.ofSeconds(5)).detect();
    assertEquals(List.of(), d.gpus());
    assertEquals("", d.problem());
  }

  @Test
  void aDriverThatIsNotLoadedIsReported() throws Exception {
    String cmd =
        stub(
            "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
                + " Make sure that the latest NVIDIA driver is installed and running.\"\nexit 9\n");
    NvidiaSmi.Detection d = new NvidiaSmi(cmd, Duration.ofSeconds(10)).detect();
    assertEquals(List.of(), d.gpus());
    assertTrue(d.problem().contains("exit 9: NVIDIA-SMI has failed"), d.problem());
    assertTrue(d.problem().contains("[resources] gpus"), d.problem());
  }

  @Test
  void aDriverLibraryMismatchIsReported() throws Exception {
    String cmd =
        stub(
            "echo 'Failed to initialize NVML: Driver/library version mismatch'\necho 'NVML library version: 550.90'\nexit 18\n");
    NvidiaSmi.Detection d = new NvidiaSmi(cmd, Duration.ofSeconds(10)).detect();
    assertTrue(d.problem().contains("Driver/library version mismatch"), d.problem());
  }

  @Test
  void emptyOutputMeansNoGpus() throws Exception {
    NvidiaSmi.Detection d = new NvidiaSmi(stub("exit 0\n"), Duration.ofSeconds(10)).detect();
    assertEquals(List.of(), d.gpus());
    assertEquals("", d.problem());
  }

  @Test
  void aHungToolIsAbandoned() throws Exception {
    long t0 = System.nanoTime();
    NvidiaSmi.Detection d = new NvidiaSmi(stub("exec sleep 30\n"), Duration.ofMillis(500)).detect();
    assertTrue(d.problem().contains("did not answer"), d.problem());
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
  }

  @Test
  void loadsAreReadAndAGpuWithoutAUtilisationIsLeftOut() {
    assertEquals(
        List.of(
            new HostActivity.GpuLoad(0, 87, 30120, 40960),
            new HostActivity.GpuLoad(1, 0, 4, 40960)),
        NvidiaSmi.parseLoads("0, 87, 30120, 40960\n1, 0, 4, 40960\n2, [N/A], [N/A], 40960\n"));
    assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parseLoads("0, 87\n"));
    assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parseLoads("x, 1, 2, 3\n"));
  }

  /** A stand-in that does {@code body} whatever it is asked. */
  private String anyArgs(String body) throws Exception {
    Path script = dir.resolve("nvidia-smi-any");
    Files.writeString(script, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.toString();
  }

  /** A stand-in answering the load and process queries by their arguments. */
  private String sampler(String loads, String apps) throws Exception {
    Path script = dir.resolve("nvidia-smi-sampler");
    Files.writeString(
        script,
        "#!/bin/sh\ncase \"$*\" in\n  *utilization.gpu*) printf '"
            + loads
            + "' ;;\n  *compute-apps*) printf '"
            + apps
            + "' ;;\n  *) exit 2 ;;\nesac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.toString();
  }

  @Test
  void aSampleHoldsTheLoadsAndTheProcessesOrWhatWentWrong() throws Exception {
    NvidiaSmi.Sample s =
        new NvidiaSmi(
                sampler("0, 55, 100, 40960\\n", "4242, GPU-a, 100\\n"), Duration.ofSeconds(10))
            .sample();
    assertEquals("", s.problem());
    assertEquals(List.of(new HostActivity.GpuLoad(0, 55, 100, 40960)), s.loads());
    assertEquals(List.of(new NvidiaSmi.ComputeApp(4242, "GPU-a", 100)), s.apps());
    NvidiaSmi.Sample garbage =
        new NvidiaSmi(sampler("<html>", ""), Duration.ofSeconds(10)).sample();
    assertTrue(garbage.problem().contains("unexpected shape"), garbage.problem());
    String mismatch =
        anyArgs("echo 'Failed to initialize NVML: Driver/library version mismatch'\nexit 18\n");
    NvidiaSmi.Sample failed = new NvidiaSmi(mismatch, Duration.ofSeconds(10)).sample();
    assertTrue(failed.problem().contains("Driver/library version mismatch"), failed.problem());
    assertEquals(List.of(), failed.loads());
    NvidiaSmi.Sample hung =
        new NvidiaSmi(anyArgs("exec sleep 30\n"), Duration.ofMillis(500)).sample();
    assertTrue(hung.problem().contains("did not answer"), hung.problem());
  }

  @Test
  void aConfiguredCountWinsOverDetection() {
    assertEquals(
        2, InventoryDetector.gpus(OptionalInt.of(2), dir.resolve("never-run").toString()).size());
    assertTrue(InventoryDetector.cpuCount() >= 1);
  }
}
