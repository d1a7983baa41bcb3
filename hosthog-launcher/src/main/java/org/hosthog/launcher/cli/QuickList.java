package org.hosthog.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationPage;
import org.hosthog.wire.Response;
import org.hosthog.wire.Waiter;

/**
 * {@code hosthog list} without building the command line model: the command people type most,
 * answered without the ~100 ms of reflection picocli spends on its model. Only {@code [--socket P]
 * [--config P] list [--all] [--mine]} takes this path, and any failure falls back to the full
 * command line, which gives the same answer or the usual error and exit code. {@code
 * HOSTHOG_QUICK=0} turns it off (tests compare both paths).
 */
public final class QuickList {
  private QuickList() {}

  /** The exit code if this handled the command line, empty if the full command line must. */
  public static Optional<Integer> run(String[] args, Map<String, String> env, PrintWriter out) {
    if ("0".equals(env.get("HOSTHOG_QUICK"))) {
      return Optional.empty();
    }
    Optional<Path> socket = Optional.empty();
    Optional<Path> config = Optional.empty();
    int i = 0;
    for (;
        i + 1 < args.length && (args[i].equals("--socket") || args[i].equals("--config"));
        i += 2) {
      if (args[i].equals("--socket")) {
        socket = Optional.of(Path.of(args[i + 1]));
      } else {
        config = Optional.of(Path.of(args[i + 1]));
      }
    }
    if (i >= args.length || !args[i].equals("list")) {
      return Optional.empty();
    }
    boolean all = false;
    boolean mine = false;
    for (i++; i < args.length; i++) {
      switch (args[i]) {
        case "--all" -> all = true;
        case "--mine" -> mine = true;
        default -> {
          return Optional.empty();
        }
      }
    }
    try (HosthogClient c =
        HosthogClient.connect(
            GlobalOptions.resolve(socket, config, env).sockets(), Duration.ofSeconds(30))) {
      Response<ReservationPage> response =
          c.call(
              new Request.Page(
                  new Request.ListReservations(all, mine, Optional.empty()), Render.LIST_LIMIT));
      if (!(response instanceof Response.Ok<ReservationPage> ok)) {
        return Optional.empty();
      }
      Response<List<Waiter>> waiting = c.call(new Request.Waiting());
      if (!(waiting instanceof Response.Ok<List<Waiter>> w)) {
        return Optional.empty();
      }
      out.println(Render.listing(ok.result(), w.result()));
      return Optional.of(ExitCode.OK);
    } catch (RuntimeException e) {
      return Optional
          .empty(); // unreachable daemon, bad config, odd answer: the full path says it properly
    }
  }
}
