package org.hosthog.launcher.cli;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.hosthog.api.Inventory;
import org.hosthog.api.Reservation;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "timeline",
    description = {
      "A chart of the coming days: one row per resource, claims as bars of their owner's letter.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  hosthog timeline",
      "  hosthog timeline --days 7 --width 160",
      ExitCode.HELP
    })
public final class TimelineCommand extends ClientCommand {
  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "3",
      description = "How many days to show (default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--width",
      paramLabel = "COLUMNS",
      description = "Chart width (default: the terminal's).")
  Integer width;

  @Override
  void run() {
    if (days < 1 || days > 60) {
      throw new Refused("--days must be from 1 to 60, not " + days, ExitCode.USAGE);
    }
    Inventory inventory = ask(new Request.Resources());
    ZoneId zone = ZoneId.of(ask(new Request.Hello()).zone());
    List<Reservation> reservations =
        ask(Request.ListReservations.current()).stream()
            .map(ReservationView::toReservation)
            .toList();
    int w = width != null ? width : TerminalWidth.of(spec.commandLine());
    out()
        .print(
            new Timeline(inventory, zone)
                .render(reservations, Clock.systemUTC().instant(), days, Math.max(40, w)));
  }
}
