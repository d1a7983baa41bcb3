package org.hosthog.launcher.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code nvidia-smi} a test host gets, since no GPU is reachable here: it answers the GPU query
 * with the recorded 4 x A100 output, the load query with what the test says (a GPU with a process
 * works at 80 % unless {@link #load} says otherwise) and the compute-apps query with what the test
 * says runs now ({@link #run}), in nvidia-smi's csv shape. It can be made slow ({@link #slow}) or
 * failing ({@link #fail}). Everything else about the processes is real: they are real processes of
 * real users, so the daemon reads their owner and command from /proc.
 */
final class GpuStandIn {
  static final List<String> UUIDS =
      List.of(
          "GPU-8f6e4b7a-2d3c-4e5f-9a1b-0c2d3e4f5a6b",
          "GPU-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
          "GPU-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
          "GPU-3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f");

  private final Path dir;
  private final List<String> apps = new ArrayList<>();
  private final Map<Integer, Integer> loads = new HashMap<>();
  private final Map<Integer, Long> memory = new HashMap<>();

  GpuStandIn() throws IOException {
    this.dir = Files.createTempDirectory(Path.of("/tmp"), "hh-gpus-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (InputStream csv = GpuStandIn.class.getResourceAsStream("/nvidia-smi/a100x4.csv")) {
      Files.write(dir.resolve("gpus.csv"), csv.readAllBytes());
    }
    write();
    Path script = dir.resolve("nvidia-smi");
    String d = "'" + dir + "'";
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "[ -s "
            + d
            + "/delay ] && sleep \"$(cat "
            + d
            + "/delay)\"\n"
            + "if [ -s "
            + d
            + "/fail ]; then cat "
            + d
            + "/fail; exit 9; fi\n"
            + "case \"$*\" in\n"
            + "  *utilization.gpu*) cat "
            + d
            + "/loads.csv ;;\n"
            + "  *--query-gpu=*) cat "
            + d
            + "/gpus.csv ;;\n"
            + "  *--query-compute-apps=*) cat "
            + d
            + "/apps.csv ;;\n"
            + "  *) echo 'nvidia-smi stand-in: unknown query' >&2; exit 2 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The config that makes a daemon ask this stand-in, every second. */
  String toml() {
    return "[resources]\nnvidia_smi = \""
        + dir.resolve("nvidia-smi")
        + "\"\nsample_every = \"1s\"\n";
  }

  /** Lists process {@code pid} as running on GPU {@code gpu} from now on. */
  synchronized void run(long pid, int gpu) throws IOException {
    apps.add(pid + ", " + UUIDS.get(gpu) + ", 1024");
    memory.merge(gpu, 1024L, Long::sum);
    write();
  }

  /** GPU {@code gpu} works at {@code percent} from now on. */
  synchronized void load(int gpu, int percent) throws IOException {
    loads.put(gpu, percent);
    write();
  }

  /** No process runs on any GPU any more, and every load is back to the default. */
  synchronized void clear() throws IOException {
    apps.clear();
    loads.clear();
    memory.clear();
    write();
  }

  /** Every call takes {@code seconds} from now on (0: as fast as it can). */
  void slow(int seconds) throws IOException {
    replace("delay", seconds == 0 ? "" : Integer.toString(seconds));
  }

  /** Every call fails with {@code words} and exit 9, as a broken driver does (empty: works). */
  void fail(String words) throws IOException {
    replace("fail", words.isEmpty() ? "" : words + "\n");
  }

  private void write() throws IOException {
    replace("apps.csv", apps.isEmpty() ? "" : String.join("\n", apps) + "\n");
    StringBuilder csv = new StringBuilder();
    for (int g = 0; g < UUIDS.size(); g++) {
      int busy = memory.containsKey(g) ? 80 : 0;
      csv.append(g)
          .append(", ")
          .append(loads.getOrDefault(g, busy))
          .append(", ")
          .append(memory.getOrDefault(g, 0L))
          .append(", 40960\n");
    }
    replace("loads.csv", csv.toString());
  }

  private void replace(String file, String text) throws IOException {
    Path tmp = dir.resolve(file + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, dir.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
