package org.hosthog.launcher.cli;

import java.util.List;
import java.util.Optional;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "list",
    description = {"Show active and upcoming reservations of this host.", ""},
    footer = {
      "",
      "Examples:",
      "  hosthog list",
      "  hosthog list --mine",
      "  hosthog list --all --user alice --json",
      ExitCode.HELP
    })
public final class ListCommand extends ClientCommand {
  @Option(names = "--all", description = "Also ended and released ones (the history).")
  boolean all;

  @Option(names = "--mine", description = "Only yours.")
  boolean mine;

  @Option(names = "--user", paramLabel = "U", description = "Only those of user U.")
  String user;

  @Option(names = "--json", description = "Print a JSON array of reservations.")
  boolean json;

  @Override
  void run() {
    List<ReservationView> result =
        ask(new Request.ListReservations(all, mine, Optional.ofNullable(user)));
    if (json) {
      printJson(result);
    } else {
      out().println(Render.forTerminal().table(Render.rows(result)));
      String waiting = Render.waiting(ask(new Request.Waiting()));
      if (!waiting.isEmpty()) {
        out().println(waiting);
      }
    }
  }
}
