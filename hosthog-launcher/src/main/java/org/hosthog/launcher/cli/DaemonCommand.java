package org.hosthog.launcher.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.config.Locations;
import org.hosthog.core.daemon.Daemon;
import org.hosthog.core.protocol.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "daemon",
    description = {
      "Run this host's hosthog service in the foreground (systemd runs it as root).",
      "",
      "As root it uses /etc/hosthog/hosthog.toml, /var/lib/hosthog/ and /run/hosthog/hosthog.sock;",
      "as an ordinary user $XDG_CONFIG_HOME/hosthog/, $XDG_STATE_HOME/hosthog/ and",
      "$XDG_RUNTIME_DIR/hosthog/hosthog.sock, so anyone can try it. Stops on SIGTERM or Ctrl-C.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  hosthog daemon",
      "  hosthog daemon --config /etc/hosthog/hosthog.toml",
      "",
      "Exits 1 when it cannot start: bad config, a daemon already running, an unreadable store."
    })
public final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GlobalOptions global;

  private final CommandLines commandLines;

  /** A daemon that runs thin clients' command lines with {@code commandLines}. */
  public DaemonCommand(CommandLines commandLines) {
    this.commandLines = java.util.Objects.requireNonNull(commandLines, "commandLines");
  }

  @Override
  public Integer call() throws InterruptedException {
    Logging.verbose();
    GlobalOptions.Resolved options = GlobalOptions.resolve(spec);
    Locations locations = Locations.forCurrentUser();
    HosthogConfig file =
        options.config().isPresent()
            ? HosthogConfig.load(options.config().get(), locations, false)
            : HosthogConfig.load(locations.configFile(), locations, true);
    HosthogConfig config = options.socket().map(file::withSocket).orElse(file);
    Stopper stopper = new Stopper(spec.commandLine().getErr());
    Runtime.getRuntime()
        .addShutdownHook(new Thread(stopper::stop, "hosthog-shutdown")); // before the socket opens
    Daemon daemon = stopper.started(() -> Daemon.start(config, commandLines));
    daemon.awaitStop();
    return ExitCode.OK;
  }

  /**
   * Stops the daemon on SIGTERM however far start-up got: it waits for start-up to finish, closes
   * the daemon and exits 0 (not the JVM's 143). If start-up failed, the error's exit code stands.
   */
  private static final class Stopper {
    private final PrintWriter err;
    private final CountDownLatch startDone = new CountDownLatch(1);
    private final AtomicReference<Daemon> running = new AtomicReference<>();

    Stopper(PrintWriter err) {
      this.err = err;
    }

    Daemon started(Supplier<Daemon> start) {
      try {
        Daemon d = start.get();
        running.set(d);
        return d;
      } finally {
        startDone.countDown();
      }
    }

    void stop() {
      try {
        startDone.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Daemon d = running.get();
      if (d == null) {
        return; // it never started: keep the error's exit code
      }
      d.close();
      // JUL's own shutdown hook may already have closed the log handlers: say it directly
      err.println("hosthog: daemon stopped, socket " + d.socket() + " removed");
      err.flush();
      Runtime.getRuntime().halt(ExitCode.OK);
    }
  }
}
