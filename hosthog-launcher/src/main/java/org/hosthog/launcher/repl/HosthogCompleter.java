package org.hosthog.launcher.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Completes commands and options from the picocli model, and values from the daemon: your own
 * reservation ids first for extend/edit/release, this host's resources for claim, user names for
 * --user, and time words and durations for the time options.
 */
final class HosthogCompleter implements Completer {
  static final List<String> TIME_WORDS =
      List.of(
          "now",
          "today",
          "tomorrow",
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "+15m",
          "+1h",
          "+2h",
          "+1d",
          "18:00");
  static final List<String> DURATIONS =
      List.of("15m", "30m", "1h", "2h", "4h", "8h", "1d", "3d", "1w");
  private static final Set<String> WHEN = Set.of("--at", "--until", "--through");
  static final List<String> PERIODS = List.of("day", "weekday", "week", "2d", "2w");
  private static final Set<String> SPAN = Set.of("--for", "--in", "--by", "--wait");
  private static final Set<String> TAKES_ID = Set.of("show", "extend", "edit", "release");

  private final CommandLine cli;
  private final LiveValues live;

  HosthogCompleter(CommandLine cli, LiveValues live) {
    this.cli = cli;
    this.live = live;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    if (index == 0) {
      for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
        String description =
            String.join(" ", sub.getValue().getCommandSpec().usageMessage().description()).strip();
        candidates.add(
            new Candidate(sub.getKey(), sub.getKey(), "commands", description, null, null, true));
      }
      candidates.add(new Candidate("exit", "exit", "commands", "leave hosthog", null, null, true));
      return;
    }
    CommandLine sub = cli.getSubcommands().get(words.get(0));
    if (sub == null) {
      return;
    }
    CommandSpec spec = sub.getCommandSpec();
    String previous = words.get(index - 1);
    OptionSpec option = spec.findOption(previous);
    if (option != null && option.arity().max() > 0) {
      values(previous, candidates);
      return;
    }
    String current = line.word();
    if (current.startsWith("-")) {
      for (OptionSpec o : spec.options()) {
        for (String name : o.names()) {
          if (name.startsWith("--")) {
            candidates.add(
                new Candidate(
                    name, name, "options", String.join(" ", o.description()), null, null, true));
          }
        }
      }
      return;
    }
    if (TAKES_ID.contains(words.get(0)) && index == 1) {
      ids(candidates);
    } else if (words.get(0).equals("claim")
        && !words.subList(1, index).stream().anyMatch(w -> w.startsWith("-"))) {
      // "cpu:" goes on to the CPUs (offering only "cpu" there made JLine drop the colon)
      (current.startsWith("cpu:") ? live.cpus() : live.resources())
          .forEach(r -> candidates.add(new Candidate(r, r, "resources", null, null, null, true)));
    }
  }

  private void values(String option, List<Candidate> candidates) {
    if (WHEN.contains(option)) {
      TIME_WORDS.forEach(w -> candidates.add(new Candidate(w, w, "times", null, null, null, true)));
    } else if (SPAN.contains(option)) {
      DURATIONS.forEach(
          d -> candidates.add(new Candidate(d, d, "durations", null, null, null, true)));
    } else if (option.equals("--user")) {
      live.users()
          .forEach(u -> candidates.add(new Candidate(u, u, "users", null, null, null, true)));
    } else if (option.equals("--gpus")) {
      long gpus = live.resources().stream().filter(r -> r.startsWith("gpu:")).count();
      for (int n = 1; n <= gpus; n++) {
        String count = Integer.toString(n);
        candidates.add(new Candidate(count, count, "GPUs", null, null, null, true));
      }
    } else if (option.equals("--every")) {
      PERIODS.forEach(p -> candidates.add(new Candidate(p, p, "periods", null, null, null, true)));
    } else if (option.equals("--resources")) {
      live.resources()
          .forEach(r -> candidates.add(new Candidate(r, r, "resources", null, null, null, true)));
    }
  }

  /** Your own reservations first: JLine orders groups by name, so "mine" comes before "others". */
  private void ids(List<Candidate> candidates) {
    String me = live.me();
    List<LiveValues.Id> ids = new ArrayList<>(live.ids());
    for (int i = 0; i < ids.size(); i++) {
      LiveValues.Id id = ids.get(i);
      boolean mine = id.owner().equals(me);
      candidates.add(
          new Candidate(
              id.id(),
              id.id(),
              mine ? "mine" : "others",
              id.owner() + ": " + id.description(),
              null,
              null,
              true,
              (mine ? 0 : 100_000) + i));
    }
  }
}
