package org.hosthog.launcher.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hosthog.api.Text;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.wire.Request;
import org.hosthog.wire.WireException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "fleet",
    subcommands = FleetUsageCommand.class,
    description = {
      "Every host of the fleet and what is free on it now, from the state server.",
      "",
      "Examples:",
      "  hosthog fleet",
      "  hosthog fleet --free gpus=2     # hosts where 2 GPUs are free now, and for how long",
      "  hosthog fleet usage             # GPU-hours claimed and used per user, by week",
      ""
    },
    footer = {"", "Needs a [sync.fleet] section in the daemon's config.", ExitCode.HELP})
public final class FleetCommand extends ClientCommand {
  @Option(
      names = "--free",
      paramLabel = "gpus=N",
      description = "Only hosts where N GPUs are free now; says for how long they stay free.")
  String free;

  @Option(names = "--json", description = "Print it as JSON.")
  boolean json;

  @Override
  void run() {
    Optional<Integer> gpus = Optional.ofNullable(free).map(FleetCommand::gpus);
    List<FleetHost> hosts = ask(new Request.Fleet());
    if (gpus.isPresent()) {
      hosts = hosts.stream().filter(h -> h.online() && freeGpus(h).size() >= gpus.get()).toList();
    }
    if (json) {
      printJson(hosts);
      return;
    }
    if (hosts.isEmpty()) {
      out()
          .println(
              gpus.map(n -> "No online host has " + n + " free GPU" + (n == 1 ? "" : "s") + " now.")
                  .orElse("No host is enrolled on the state server yet."));
      return;
    }
    Render render = Render.forTerminal();
    Instant now = Instant.now();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        gpus.isPresent()
            ? new String[] {"HOST", "STATE", "FREE GPUS", "FOR"}
            : new String[] {"HOST", "STATE", "FREE NOW"});
    for (FleetHost h : hosts) {
      String state = h.online() ? "online" : offline(h, render);
      if (gpus.isPresent()) {
        List<FleetHost.Free> g = freeGpus(h);
        rows.add(
            new String[] {
              Text.sanitize(h.host()), state, names(g), lasting(g, gpus.get(), now, render)
            });
      } else {
        rows.add(
            new String[] {
              Text.sanitize(h.host()), state, h.freeNow().isEmpty() ? "nothing" : names(h.freeNow())
            });
      }
    }
    out().println(Render.align(rows));
  }

  /** The N of {@code gpus=N}. */
  private static int gpus(String text) {
    String t = text.strip();
    if (t.matches("gpus=\\d{1,4}") && Integer.parseInt(t.substring(5)) >= 1) {
      return Integer.parseInt(t.substring(5));
    }
    throw new WireException(
        org.hosthog.wire.ErrorCode.BAD_INPUT,
        "'--free " + Text.sanitize(text) + "' is not understood: give --free gpus=N, e.g. gpus=2");
  }

  private static List<FleetHost.Free> freeGpus(FleetHost h) {
    return h.freeNow().stream().filter(f -> f.resource().startsWith("gpu:")).toList();
  }

  private static String names(List<FleetHost.Free> free) {
    return String.join(" ", free.stream().map(f -> Text.sanitize(f.resource())).toList());
  }

  /** How long {@code n} of the free GPUs stay free together: the n-th longest stretch. */
  private static String lasting(List<FleetHost.Free> free, int n, Instant now, Render render) {
    List<Optional<Instant>> ends =
        free.stream()
            .map(FleetHost.Free::until)
            .sorted(Comparator.comparing((Optional<Instant> u) -> u.orElse(Instant.MAX)).reversed())
            .toList();
    Optional<Instant> until = ends.get(n - 1);
    return until
        .map(
            u ->
                Render.span(Duration.between(now, u))
                    + " (until "
                    + render.absolute(u.atZone(ZoneId.systemDefault()).toOffsetDateTime())
                    + ")")
        .orElse("nothing planned");
  }

  private static String offline(FleetHost h, Render render) {
    return h.lastSeen()
        .map(
            t ->
                "offline since "
                    + render.absolute(t.atZone(ZoneId.systemDefault()).toOffsetDateTime()))
        .orElse("never seen");
  }
}
