package org.hosthog.core.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostActivity;

/**
 * Asks {@code nvidia-smi} which GPUs the host has.
 *
 * <p>A missing binary means "no GPUs" (most hosts); a binary that fails (driver not loaded,
 * driver/library mismatch, hung) is reported, not thrown, so the daemon still starts.
 */
public final class NvidiaSmi {

  /** The query hosthog runs; its output is what {@link #parse} reads. */
  public static final List<String> QUERY =
      List.of("--query-gpu=index,name,uuid,memory.total", "--format=csv,noheader,nounits");

  /** The query for each GPU's load; {@link #parseLoads} reads its output. */
  public static final List<String> LOAD_QUERY =
      List.of(
          "--query-gpu=index,utilization.gpu,memory.used,memory.total",
          "--format=csv,noheader,nounits");

  /** The query for processes on GPUs; {@link #parseComputeApps} reads its output. */
  public static final List<String> APPS_QUERY =
      List.of("--query-compute-apps=pid,gpu_uuid,used_memory", "--format=csv,noheader,nounits");

  private static final System.Logger LOG = System.getLogger(NvidiaSmi.class.getName());

  private final String command;
  private final Duration timeout;

  public NvidiaSmi(String command, Duration timeout) {
    this.command = Objects.requireNonNull(command, "command");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The outcome of asking: the GPUs found and, if the tool failed, why. */
  public record Detection(List<Gpu> gpus, String problem) {
    public Detection {
      gpus = List.copyOf(gpus);
      Objects.requireNonNull(problem, "problem");
    }

    public boolean failed() {
      return !problem.isEmpty();
    }
  }

  /** A process on a GPU, as nvidia-smi lists it. */
  public record ComputeApp(long pid, String gpuUuid, long memoryMib) {}

  /**
   * One sample: each GPU's load and the processes on the GPUs (two calls).
   *
   * @param problem what went wrong, in the tool's own words; empty when both calls worked
   */
  public record Sample(List<HostActivity.GpuLoad> loads, List<ComputeApp> apps, String problem) {
    public Sample {
      loads = List.copyOf(loads);
      apps = List.copyOf(apps);
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** Asks for the GPUs' load and their processes; a failure is reported, never thrown. */
  public Sample sample() {
    Output loads = run(LOAD_QUERY);
    if (!loads.problem().isEmpty()) {
      return new Sample(List.of(), List.of(), problem(loads.problem()));
    }
    Output apps = run(APPS_QUERY);
    if (!apps.problem().isEmpty()) {
      return new Sample(List.of(), List.of(), problem(apps.problem()));
    }
    try {
      return new Sample(parseLoads(loads.text()), parseComputeApps(apps.text()), "");
    } catch (IllegalArgumentException e) {
      return new Sample(
          List.of(), List.of(), command + " answered in an unexpected shape: " + e.getMessage());
    }
  }

  private String problem(String why) {
    return why.equals(MISSING) ? command + " is not installed" : command + " failed: " + why;
  }

  /**
   * Parses the CSV of {@link #LOAD_QUERY}: {@code index, utilization, memory used, memory total}. A
   * GPU whose utilisation reads {@code [N/A]} (some boards) is left out: its load is unknown.
   *
   * @throws IllegalArgumentException for output in another shape
   */
  public static List<HostActivity.GpuLoad> parseLoads(String csv) {
    List<HostActivity.GpuLoad> loads = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 4) {
        throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'");
      }
      try {
        String utilization = f[1].strip();
        if (!utilization.matches("\\d+")) {
          continue;
        }
        loads.add(
            new HostActivity.GpuLoad(
                Integer.parseInt(f[0].strip()),
                Math.min(100, Integer.parseInt(utilization)),
                mebibytes(f[2]),
                mebibytes(f[3])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'", e);
      }
    }
    return List.copyOf(loads);
  }

  private static long mebibytes(String field) {
    String s = field.strip();
    return s.matches("\\d+") ? Long.parseLong(s) : 0; // "[N/A]" on some boards
  }

  /** The processes on GPUs now; empty when the tool is missing or fails. */
  public List<ComputeApp> computeApps() {
    Output out = run(APPS_QUERY);
    if (!out.problem().isEmpty()) {
      return List.of();
    }
    try {
      return parseComputeApps(out.text());
    } catch (IllegalArgumentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          command + " listed GPU processes in an unexpected shape: " + e.getMessage());
      return List.of();
    }
  }

  /** Parses {@code pid, gpu_uuid, used_memory} lines. */
  public static List<ComputeApp> parseComputeApps(String csv) {
    List<ComputeApp> apps = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      if (line.isBlank() || line.startsWith("No running")) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 3) {
        throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'");
      }
      try {
        String mem = f[2].strip();
        apps.add(
            new ComputeApp(
                Long.parseLong(f[0].strip()),
                f[1].strip(),
                mem.matches("\\d+") ? Long.parseLong(mem) : 0));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'", e);
      }
    }
    return apps;
  }

  private record Output(String text, String problem) {}

  public Detection detect() {
    Output out = run(QUERY);
    if (!out.problem().isEmpty()) {
      return out.problem().equals(MISSING) ? new Detection(List.of(), "") : failed(out.problem());
    }
    try {
      return new Detection(parse(out.text()), "");
    } catch (IllegalArgumentException e) {
      return failed(e.getMessage());
    }
  }

  private static final String MISSING = "(not installed)";

  /** Runs the tool with {@code query}; the problem is empty on success. */
  private Output run(List<String> query) {
    List<String> argv = new ArrayList<>();
    argv.add(command);
    argv.addAll(query);
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return new Output("", MISSING);
    }
    try (InputStream out = process.getInputStream()) {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Output("", "did not answer within " + timeout.toSeconds() + " s");
      }
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        return new Output(text, "exit " + process.exitValue() + ": " + firstLine(text));
      }
      return new Output(text, "");
    } catch (IOException e) {
      return new Output("", String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Output("", "interrupted");
    }
  }

  private Detection failed(String why) {
    String problem =
        command + " failed (" + why + "); no GPUs detected. Set [resources] gpus to override.";
    LOG.log(System.Logger.Level.WARNING, problem);
    return new Detection(List.of(), problem);
  }

  /**
   * Parses the CSV of {@link #QUERY}: {@code index, name, uuid, memory}, one GPU per line.
   *
   * @throws IllegalArgumentException for output in another shape
   */
  public static List<Gpu> parse(String csv) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length < 4) {
        throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'");
      }
      try {
        int index = Integer.parseInt(f[0].strip());
        String name = String.join(",", List.of(f).subList(1, f.length - 2)).strip();
        String memory = f[f.length - 1].strip();
        long mib = memory.matches("\\d+") ? Long.parseLong(memory) : 0; // "[N/A]" on some boards
        gpus.add(new Gpu(index, name, f[f.length - 2].strip(), mib));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'", e);
      }
    }
    gpus.sort(java.util.Comparator.comparingInt(Gpu::index));
    for (int i = 0; i < gpus.size(); i++) {
      if (gpus.get(i).index() != i) {
        throw new IllegalArgumentException("GPU indices are not 0.." + (gpus.size() - 1));
      }
    }
    return List.copyOf(gpus);
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("(no output)");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
