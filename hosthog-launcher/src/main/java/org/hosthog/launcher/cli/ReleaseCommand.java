package org.hosthog.launcher.cli;

import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "release",
    description = {"End a reservation now, or cancel one that has not started.", ""},
    footer = {
      "",
      "Examples:",
      "  hosthog release 42",
      "  hosthog release 42 --series   # and cancel every later occurrence of its series",
      ExitCode.HELP
    })
public final class ReleaseCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The reservation's id.")
  String id;

  @Option(
      names = "--series",
      description =
          "Also cancel every later occurrence of its series (earlier ones stay in the history).")
  boolean series;

  @Override
  void run() {
    long number = Request.id(id);
    Granted granted = ask(new Request.Release(number, series));
    int later = granted.occurrences().size() - 1;
    out()
        .println(
            "Released reservation "
                + number
                + (!series
                    ? "."
                    : later == 0
                        ? "; no later occurrence of its series was left."
                        : " and cancelled the "
                            + (later == 1 ? "later occurrence" : later + " later occurrences")
                            + " of its series."));
  }
}
