package org.hosthog.launcher.cli;

import java.util.Optional;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationPage;
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

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "Show the first N (default: "
              + Render.LIST_LIMIT
              + " in the table, all with --json); 0 shows all of them.")
  Integer limit;

  @Override
  void run() {
    Request.ListReservations query =
        new Request.ListReservations(all, mine, Optional.ofNullable(user));
    int n = limit != null ? limit : json ? 0 : Render.LIST_LIMIT;
    if (n < 0) {
      throw new Refused(
          "--limit takes how many to show, from 1 (or 0 for all of them)", ExitCode.USAGE);
    }
    ReservationPage page =
        n == 0 ? new ReservationPage(ask(query), 0) : ask(new Request.Page(query, n));
    if (json) {
      printJson(page.reservations());
      if (page.more() > 0) {
        err().println("hosthog: " + page.more() + " more not shown (--limit 0 shows all)");
      }
    } else {
      out().println(Render.listing(page, ask(new Request.Waiting())));
    }
  }
}
