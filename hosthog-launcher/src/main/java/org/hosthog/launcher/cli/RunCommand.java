package org.hosthog.launcher.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.Text;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Protocol;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;
import org.hosthog.wire.WaitResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "run",
    description = {
      "Claim, run a command with what you claimed, release when it ends.",
      "",
      "The command gets CUDA_VISIBLE_DEVICES and HIP_VISIBLE_DEVICES set to the GPUs claimed"
          + " (replacing any value they had) and HOSTHOG_RESERVATION to the reservation's id; its"
          + " input, output and exit code are yours. Without --for or --until the claim is a lease:"
          + " hosthog renews it while the command runs, and if hosthog is killed the daemon"
          + " releases it within a minute or two. Ctrl-C reaches the command from the terminal as"
          + " it always does; SIGTERM and SIGHUP sent to hosthog are passed on to it.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  hosthog run --gpus 2 -- python train.py --epochs 10",
      "  hosthog run gpu:3 --for 4h -m \"eval sweep\" -- ./eval.sh",
      "",
      "Exit code: the command's (128+N when a signal N ended it; 127 when it cannot be found),",
      "or hosthog's own when the claim is refused (1, 2, 3 as for claim)."
    })
public final class RunCommand extends ClientCommand {
  private static final int MESSAGE_LENGTH = 80;
  private static final Duration WAIT_POLL = Duration.ofSeconds(2);

  @Option(
      names = "--gpus",
      paramLabel = "N",
      description = "Any N free GPUs (idle ones first), instead of naming resources.")
  Integer gpus;

  @ArgGroup(exclusive = true)
  ModeOptions mode;

  @Option(names = "--for", paramLabel = "DURATION", description = "Claim for DURATION.")
  String forSpan;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      parameterConsumer = WhenConsumer.class,
      description = "Claim until WHEN.")
  String until;

  @Option(
      names = {"-m", "--message"},
      paramLabel = "MESSAGE",
      description = "Why (default: the command line).")
  String message;

  @Option(
      names = "--wait",
      arity = "0..1",
      paramLabel = "DURATION",
      fallbackValue = "",
      description =
          "If it cannot be claimed now, wait until it can (first come, first served; at most"
              + " DURATION if given). Ctrl-C stops waiting.")
  String waitFor;

  @Parameters(
      paramLabel = "[RESOURCE...] -- CMD [ARG...]",
      arity = "0..*",
      description =
          "What to claim (as for claim; default with --gpus: those), then after -- the command.")
  List<String> words = new ArrayList<>();

  @Override
  void run() {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int dash = original.indexOf("--");
    if (dash < 0 || dash == original.size() - 1) {
      throw new Refused(
          "put the command after --, e.g. hosthog run --gpus 1 -- python train.py", ExitCode.USAGE);
    }
    int commandWords = original.size() - dash - 1;
    List<String> command = words.subList(words.size() - commandWords, words.size());
    List<String> resources = words.subList(0, words.size() - commandWords);
    boolean lease = forSpan == null && until == null;
    Request.Claim claim =
        new Request.Claim(
            resources,
            Optional.ofNullable(gpus),
            ModeOptions.of(mode),
            Optional.empty(),
            Optional.empty(),
            Optional.ofNullable(forSpan),
            Optional.ofNullable(until),
            message != null ? message : defaultMessage(command),
            false,
            lease);
    ReservationView r = (waitFor == null ? ask(claim) : waitUntilGranted(claim)).reservation();
    String visible = visibleGpus(r);
    err()
        .println(
            "hosthog: claimed "
                + String.join(" ", Render.row(r).resources())
                + " ("
                + Render.row(r).mode()
                + ")"
                + (lease ? " while it runs" : " " + Render.forTerminal().when(Render.row(r)))
                + " as reservation "
                + r.id()
                + "; running "
                + Text.sanitize(String.join(" ", command))
                + (visible.isEmpty() ? "" : " with CUDA_VISIBLE_DEVICES=" + visible));
    err().flush();
    status = runAndRelease(r, command, visible, lease);
  }

  /** Asks every {@link #WAIT_POLL} until the claim is made, keeping the place in the queue. */
  private Granted waitUntilGranted(Request.Claim claim) {
    Optional<Instant> giveUp = Optional.empty();
    if (!waitFor.isEmpty()) {
      try {
        giveUp = Optional.of(Instant.now().plus(TimeGrammar.parseDuration(waitFor).approximate()));
      } catch (InvalidInputException e) {
        throw new Refused("--wait " + e.getMessage(), ExitCode.USAGE);
      }
    }
    Optional<Long> ticket = Optional.empty();
    int told = -1;
    while (true) {
      Response<WaitResult> answer = fresh(new Request.Wait(claim, ticket));
      if (answer instanceof Response.Failure<WaitResult> f) {
        throw refusal(f);
      }
      WaitResult w = ((Response.Ok<WaitResult>) answer).result();
      if (w.granted().isPresent()) {
        return w.granted().get();
      }
      ticket = Optional.of(w.ticket());
      if (w.ahead() != told) {
        err()
            .println(
                "hosthog: waiting"
                    + (w.ahead() == 0
                        ? ""
                        : " behind " + w.ahead() + " other" + (w.ahead() == 1 ? "" : "s"))
                    + " until it can be claimed; Ctrl-C stops waiting");
        err().flush();
        told = w.ahead();
      }
      if (giveUp.isPresent() && Instant.now().isAfter(giveUp.get())) {
        throw new Refused("gave up waiting after " + waitFor, ExitCode.REFUSED);
      }
      try {
        Thread.sleep(WAIT_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Refused("stopped waiting", ExitCode.REFUSED);
      }
    }
  }

  private int runAndRelease(
      ReservationView r, List<String> command, String visible, boolean lease) {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    if (!visible.isEmpty()) {
      pb.environment().put("CUDA_VISIBLE_DEVICES", visible);
      pb.environment().put("HIP_VISIBLE_DEVICES", visible);
    }
    pb.environment().put("HOSTHOG_RESERVATION", Long.toString(r.id()));
    Process child;
    try {
      if (!onPath(command.get(0))) {
        throw new java.nio.file.NoSuchFileException(command.get(0));
      }
      child = pb.start();
    } catch (IOException e) {
      release(r, "it could not start");
      boolean missing = e instanceof java.nio.file.NoSuchFileException;
      err()
          .println(
              "hosthog: "
                  + Text.sanitize(command.get(0))
                  + (missing ? ": command not found" : ": cannot run it: " + e.getMessage()));
      return missing ? 127 : 126; // as a shell says
    }
    Signals.on("INT", () -> {}); // the terminal sends Ctrl-C to the command too
    Signals.on("TERM", child::destroy);
    Signals.on("HUP", () -> signal(child, "HUP"));
    Thread renewer = lease ? renewer(r.id()) : null;
    int exit = waitFor(child);
    if (renewer != null) {
      renewer.interrupt();
    }
    release(r, Text.sanitize(command.get(0)) + " exited with " + exit);
    return exit;
  }

  /** Whether a shell would find {@code name}: a path that exists, or an executable on PATH. */
  static boolean onPath(String name) {
    if (name.contains("/")) {
      return java.nio.file.Files.exists(java.nio.file.Path.of(name));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(":")) {
      java.nio.file.Path candidate = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, name);
      if (java.nio.file.Files.isRegularFile(candidate)
          && java.nio.file.Files.isExecutable(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static int waitFor(Process child) {
    while (true) {
      try {
        return child.waitFor(); // 128 + N when signal N ended it
      } catch (InterruptedException e) {
        // keep waiting: the command decides when this ends
      }
    }
  }

  private static void signal(Process child, String name) {
    try {
      new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start().waitFor();
    } catch (IOException e) {
      child.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Renews the lease until interrupted; says once if it is gone or the daemon cannot be reached.
   */
  private Thread renewer(long id) {
    Thread t =
        new Thread(
            () -> {
              boolean unreachable = false;
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(Protocol.LEASE_RENEW_EVERY.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                try {
                  Response<ReservationView> answer = fresh(new Request.Renew(id));
                  if (answer instanceof Response.Failure<ReservationView> f) {
                    err()
                        .println(
                            "hosthog: "
                                + Text.sanitize(f.message())
                                + "; the command keeps running without a claim");
                    err().flush();
                    return;
                  }
                  unreachable = false;
                } catch (RuntimeException e) {
                  if (!unreachable) {
                    err()
                        .println(
                            "hosthog: cannot renew the lease (" + e.getMessage() + "); retrying");
                    err().flush();
                  }
                  unreachable = true;
                }
              }
            },
            "hosthog-renew");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Releases {@code r} unless it is over already; says so either way. */
  private void release(ReservationView r, String why) {
    try {
      Response<Granted> answer = fresh(new Request.Release(r.id()));
      if (answer instanceof Response.Failure<Granted> f && f.code() != ErrorCode.INVALID) {
        err()
            .println(
                "hosthog: could not release reservation "
                    + r.id()
                    + ": "
                    + Text.sanitize(f.message()));
      } else {
        err().println("hosthog: released reservation " + r.id() + " (" + why + ")");
      }
    } catch (RuntimeException e) {
      err()
          .println(
              "hosthog: could not release reservation "
                  + r.id()
                  + " ("
                  + e.getMessage()
                  + "); run 'hosthog release "
                  + r.id()
                  + "'");
    }
    err().flush();
  }

  /** A request on a connection of its own: a run may outlast any one connection. */
  private <R> Response<R> fresh(Request<R> request) {
    try (HosthogClient c =
        HosthogClient.connect(GlobalOptions.resolve(spec).sockets(), Duration.ofSeconds(30))) {
      return c.call(request);
    }
  }

  /** The GPUs {@code r} holds, as CUDA counts them: "0,2"; empty if none. */
  private String visibleGpus(ReservationView r) {
    int count = ask(new Request.Resources()).gpus().size();
    return IntStream.range(0, count)
        .filter(i -> r.claims().stream().anyMatch(c -> c.holdsGpu(i)))
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(","));
  }

  /** "run: python train.py --lr 3e-4", shortened: what others read in list and the motd. */
  static String defaultMessage(List<String> command) {
    String line = "run: " + Text.sanitize(String.join(" ", command)).strip();
    return line.codePointCount(0, line.length()) <= MESSAGE_LENGTH
        ? line
        : line.substring(0, line.offsetByCodePoints(0, MESSAGE_LENGTH - 1)) + "…";
  }
}
