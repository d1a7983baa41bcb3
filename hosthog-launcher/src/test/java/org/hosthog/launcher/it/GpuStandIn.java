package org.hosthog.launcher.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nvidia-smi} a test host gets, since no GPU is reachable here: it answers the GPU query
 * with the recorded 4 x A100 output and the compute-apps query with what the test says runs now
 * ({@link #run}), in nvidia-smi's csv shape. Everything else about the processes is real: they are
 * real processes of real users, so the daemon reads their owner and command from /proc.
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

  GpuStandIn() throws IOException {
    this.dir = Files.createTempDirectory(Path.of("/tmp"), "hh-gpus-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (InputStream csv = GpuStandIn.class.getResourceAsStream("/nvidia-smi/a100x4.csv")) {
      Files.write(dir.resolve("gpus.csv"), csv.readAllBytes());
    }
    Files.writeString(dir.resolve("apps.csv"), "");
    Path script = dir.resolve("nvidia-smi");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "case \"$*\" in\n"
            + "  *--query-gpu=*) cat '"
            + dir.resolve("gpus.csv")
            + "' ;;\n"
            + "  *--query-compute-apps=*) cat '"
            + dir.resolve("apps.csv")
            + "' ;;\n"
            + "  *) echo 'nvidia-smi stand-in: unknown query' >&2; exit 2 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The config that makes a daemon ask this stand-in. */
  String toml() {
    return "[resources]\nnvidia_smi = \"" + dir.resolve("nvidia-smi") + "\"\n";
  }

  /** Lists process {@code pid} as running on GPU {@code gpu} from now on. */
  synchronized void run(long pid, int gpu) throws IOException {
    apps.add(pid + ", " + UUIDS.get(gpu) + ", 1024");
    write();
  }

  /** No process runs on any GPU any more. */
  synchronized void clear() throws IOException {
    apps.clear();
    write();
  }

  private void write() throws IOException {
    Path tmp = dir.resolve("apps.csv.tmp");
    Files.writeString(tmp, apps.isEmpty() ? "" : String.join("\n", apps) + "\n");
    Files.move(tmp, dir.resolve("apps.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
