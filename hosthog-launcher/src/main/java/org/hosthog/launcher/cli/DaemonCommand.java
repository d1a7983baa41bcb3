package org.hosthog.launcher.cli;

import java.util.concurrent.Callable;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.config.Locations;
import org.hosthog.core.daemon.Daemon;
import org.hosthog.launcher.cli.Logging;
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
    footer = {"", "Examples:", "  hosthog daemon", "  hosthog daemon --config /etc/hosthog/hosthog.toml",
        "", "Exits 1 when it cannot start: bad config, a daemon already running, an unreadable store."})
public final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GlobalOptions global;

  @Override
  public Integer call() throws InterruptedException {
    Logging.verbose();
    GlobalOptions.Resolved options = GlobalOptions.resolve(spec);
    Locations locations = Locations.forCurrentUser();
    HosthogConfig config =
        options.config().isPresent()
            ? HosthogConfig.load(options.config().get(), locations, false)
            : HosthogConfig.load(locations.configFile(), locations, true);
    if (options.socket().isPresent()) {
      config = config.withSocket(options.socket().get());
    }
    // The hook is in place before the socket opens: a SIGTERM at any moment stops cleanly.
    java.util.concurrent.atomic.AtomicReference<Daemon> running = new java.util.concurrent.atomic.AtomicReference<>();
    java.io.PrintWriter err = spec.commandLine().getErr();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Daemon d = running.get();
      if (d != null) {
        d.close();
        // JUL's own shutdown hook may already have closed the log handlers: say it directly
        err.println("hosthog: daemon stopped, socket " + d.socket() + " removed");
        err.flush();
      }
      Runtime.getRuntime().halt(ExitCode.OK); // a SIGTERM stop is a clean stop: exit 0, not 143
    }, "hosthog-shutdown"));
    Daemon daemon = Daemon.start(config);
    running.set(daemon);
    daemon.awaitStop();
    return ExitCode.OK;
  }
}
