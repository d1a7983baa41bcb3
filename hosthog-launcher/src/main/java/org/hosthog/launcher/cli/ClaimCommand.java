package org.hosthog.launcher.cli;

import java.util.List;
import java.util.Optional;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.WireException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "claim",
    description = {
      "Announce that you need resources of this host, from a start (default: now) until an end.",
      ""
    },
    footer = {
      "",
      "WHEN: now, 14:30, today 18:00, tomorrow 09:00, fri 09:00, 2026-12-24 (as an end: the end of that day),",
      "      2026-12-24 18:00, 2026-12-24T18:00+01:00, +2h, in 2h",
      "DURATION: 90s, 5m, 2h, 3d, 1w, 1h30m, PT2H",
      "",
      "Examples:",
      "  hosthog claim --gpus 2 --for 4h -m \"fine-tuning\"      # any 2 free GPUs",
      "  hosthog claim gpu:0-3 --until 2026-12-15 -m \"paper deadline\"",
      "  hosthog claim gpu:1 --for 4h -m \"fine-tuning\"",
      "  hosthog claim host --exclusive --in 5m --for 10m -m \"reboot for kernel update\"",
      "  hosthog claim cpu:0-15 fpga0 --at tomorrow 09:00 --for 8h -m \"synthesis\"",
      "  hosthog claim gpu:0-3 --at tue 14:00 --for 2h --every week --count 12 -m \"course lab\"",
      "  hosthog claim gpu:7 --at 01:00 --for 3h --every weekday --through 2027-03-31 -m \"nightly\"",
      "",
      "Prints the new reservation's id (with --every: each occurrence's, one a line; the whole",
      "answer with --json).",
      ExitCode.HELP
    })
public final class ClaimCommand extends ClientCommand {
  @Parameters(
      paramLabel = "RESOURCE",
      arity = "0..*",
      description =
          "host, gpu:N, gpu:0-3, gpu:0,2, cpu, cpu:0-15 or a named resource (default: host).")
  List<String> resources;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      description =
          "Any N GPUs free for the whole span (idle ones first, then the lowest index) instead of"
              + " naming resources; prints which it took.")
  Integer gpus;

  @ArgGroup(exclusive = true)
  ModeOptions mode;

  @Option(
      names = "--at",
      paramLabel = "WHEN",
      parameterConsumer = WhenConsumer.class,
      description = "Start at WHEN (default: now).")
  String at;

  @Option(names = "--in", paramLabel = "DURATION", description = "Start after DURATION.")
  String in;

  @Option(names = "--for", paramLabel = "DURATION", description = "Keep it for DURATION.")
  String forSpan;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      parameterConsumer = WhenConsumer.class,
      description = "Keep it until WHEN.")
  String until;

  @Option(
      names = {"-m", "--message"},
      required = true,
      paramLabel = "MESSAGE",
      description = "Why: the others will read it.")
  String message;

  @Option(
      names = "--force",
      description =
          "Record it even if it conflicts (an announcement); the affected owners are told.")
  boolean force;

  @Option(
      names = "--every",
      paramLabel = "PERIOD",
      description =
          "Repeat it: day, weekday (Mon to Fri), week, Nd or Nw (e.g. 2w), at the same time of"
              + " day; one reservation per occurrence, all or nothing. Needs --count or --through.")
  String every;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "With --every: how many occurrences (at most 100).")
  Integer count;

  @Option(
      names = "--through",
      paramLabel = "DATE",
      description = "With --every: the last day an occurrence may start on (at most a year ahead).")
  String through;

  @Option(
      names = "--skip-conflicts",
      description =
          "With --every: make the occurrences nobody is in the way of, and say which were skipped.")
  boolean skipConflicts;

  @Option(names = "--json", description = "Print the whole reservation as JSON.")
  boolean json;

  @Override
  void run() {
    Granted result =
        ask(
            new Request.Claim(
                resources == null ? List.of() : resources,
                Optional.ofNullable(gpus),
                ModeOptions.of(mode),
                Optional.ofNullable(at),
                Optional.ofNullable(in),
                Optional.ofNullable(forSpan),
                Optional.ofNullable(until),
                message,
                force,
                false,
                repeat()));
    if (every != null) {
      printSeries(result);
      return;
    }
    ReservationView reservation = result.reservation();
    if (json) {
      printJson(reservation);
    } else {
      out().println(reservation.id());
      Render.Row row = Render.row(reservation);
      err()
          .println(
              "hosthog: claimed "
                  + String.join(" ", row.resources())
                  + " ("
                  + row.mode()
                  + ") "
                  + Render.forTerminal().when(row)
                  + " as reservation "
                  + row.id());
    }
    if (!result.overridden().isEmpty()) {
      err()
          .println(
              "hosthog: recorded despite conflicts with (their owners are told):\n"
                  + Render.forTerminal().table(Render.rows(result.overridden())));
    }
  }

  private Optional<Request.Repeat> repeat() {
    if (every == null) {
      if (count != null || through != null || skipConflicts) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "--count, --through and --skip-conflicts go with --every (e.g. --every week --count"
                + " 12)");
      }
      return Optional.empty();
    }
    return Optional.of(
        new Request.Repeat(
            every, Optional.ofNullable(count), Optional.ofNullable(through), skipConflicts));
  }

  /** Each occurrence's id on stdout; what was made (and skipped) in words on stderr. */
  private void printSeries(Granted result) {
    if (json) {
      printJson(result);
      return;
    }
    List<ReservationView> made = result.occurrences();
    made.forEach(r -> out().println(r.id()));
    err().println("hosthog: claimed " + SeriesText.summary(made));
    for (Granted.Skipped s : result.skipped()) {
      err().println("hosthog: skipped " + SeriesText.skipped(s));
    }
    if (!result.overridden().isEmpty()) {
      err()
          .println(
              "hosthog: recorded despite conflicts with (their owners are told):\n"
                  + Render.forTerminal().table(Render.rows(result.overridden())));
    }
  }
}
