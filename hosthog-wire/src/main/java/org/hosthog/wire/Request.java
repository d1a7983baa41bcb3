package org.hosthog.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hosthog.api.Inventory;
import org.hosthog.api.spi.FleetHost;

/**
 * One request to the daemon, as the wire carries it: what the user typed, not yet interpreted
 * (times and durations stay text, read in the host's zone by the daemon).
 *
 * <p>A record checks what makes a request unusable whatever the host (an end given twice, a start
 * given twice, an id that is not a number) and throws a {@link WireException} with {@link
 * ErrorCode#BAD_INPUT}; the CLI and the daemon's decoder both build records, so both refuse alike.
 * Everything that needs the host (resources, times, permissions) the daemon checks.
 *
 * @param <R> the type of the result a successful answer carries
 */
public sealed interface Request<R> {
  /** The operation's name on the wire, e.g. {@code claim} (its row in {@link Ops}). */
  default String op() {
    return Ops.of(this).name();
  }

  /** The id a user typed (e.g. {@code 42}), or a {@link WireException} saying it is not one. */
  static long id(String text) {
    String t = Objects.requireNonNull(text, "text").strip();
    if (t.matches("\\d{1,18}") && Long.parseLong(t) >= 1) {
      return Long.parseLong(t);
    }
    throw notAnId(text);
  }

  /** The error for a value that is not a reservation id. */
  static WireException notAnId(String shown) {
    return new WireException(
        ErrorCode.BAD_INPUT,
        "'"
            + shown
            + "' is not a reservation id: expected a number such as 42 (see 'hosthog list')");
  }

  /** Who am I to the daemon, and which host and zone does it serve. */
  record Hello() implements Request<HelloResult> {}

  /**
   * Claim resources from a start until an end.
   *
   * @param resources what to claim, as typed ({@code gpu:0-3}); empty means the whole host
   * @param mode {@code exclusive} or {@code shared}; empty means each resource's default
   * @param at the start as a time ({@code tomorrow 09:00}); empty with {@code in} empty: now
   * @param in the start as a delay ({@code 5m})
   * @param forSpan the length ({@code 2h}); exactly one of {@code forSpan} and {@code until}
   * @param until the end as a time ({@code fri 18:00})
   * @param message why; the daemon refuses a blank one
   * @param force record it despite conflicts
   * @param repeat how it repeats, for a series ({@code --every})
   */
  record Claim(
      List<String> resources,
      Optional<Integer> gpus,
      Optional<String> mode,
      Optional<String> at,
      Optional<String> in,
      Optional<String> forSpan,
      Optional<String> until,
      String message,
      boolean force,
      boolean lease,
      Optional<Repeat> repeat)
      implements Request<Granted> {
    public Claim {
      Objects.requireNonNull(repeat, "repeat");
      if (repeat.isPresent() && (lease || gpus.isPresent())) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "--every repeats named resources for a set time: name them (e.g. gpu:0-3) and give"
                + " --for or --until, without "
                + (lease ? "a lease" : "--gpus"));
      }
      Objects.requireNonNull(gpus, "gpus");
      if (gpus.isPresent()) {
        if (gpus.get() < 1) {
          throw new WireException(
              ErrorCode.BAD_INPUT, "--gpus takes how many GPUs you need, from 1 (e.g. --gpus 2)");
        }
        if (!resources.isEmpty()) {
          throw new WireException(
              ErrorCode.BAD_INPUT,
              "give --gpus N or name resources ("
                  + String.join(" ", resources)
                  + "), not both: --gpus picks free GPUs for you");
        }
        if (force) {
          throw new WireException(
              ErrorCode.BAD_INPUT,
              "--force does not go with --gpus: name the GPUs to announce a conflicting claim");
        }
      }
      resources = List.copyOf(resources.isEmpty() && gpus.isEmpty() ? List.of("host") : resources);
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(message, "message");
      if (at.isPresent() && in.isPresent()) {
        throw new WireException(
            ErrorCode.BAD_INPUT, "give --at WHEN or --in DURATION for the start, not both");
      }
      if (lease && (forSpan.isPresent() || until.isPresent())) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "a lease lasts as long as it is renewed: give it no --for or --until");
      }
      if (!lease && forSpan.isEmpty() && until.isEmpty()) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "a claim needs an end: give --for DURATION (e.g. --for 2h) or --until WHEN (e.g."
                + " --until fri 18:00)");
      }
      if (!lease && forSpan.isPresent() && until.isPresent()) {
        throw new WireException(
            ErrorCode.BAD_INPUT, "give --for DURATION or --until WHEN for the end, not both");
      }
    }

    /** A claim of named resources (the whole host when none are named). */
    public Claim(
        List<String> resources,
        Optional<String> mode,
        Optional<String> at,
        Optional<String> in,
        Optional<String> forSpan,
        Optional<String> until,
        String message,
        boolean force) {
      this(
          resources,
          Optional.empty(),
          mode,
          at,
          in,
          forSpan,
          until,
          message,
          force,
          false,
          Optional.empty());
    }

    /** A claim made once. */
    public Claim(
        List<String> resources,
        Optional<Integer> gpus,
        Optional<String> mode,
        Optional<String> at,
        Optional<String> in,
        Optional<String> forSpan,
        Optional<String> until,
        String message,
        boolean force,
        boolean lease) {
      this(resources, gpus, mode, at, in, forSpan, until, message, force, lease, Optional.empty());
    }
  }

  /**
   * How a claim repeats ({@code --every}): one reservation per occurrence, all or nothing.
   *
   * @param every {@code day}, {@code weekday}, {@code week}, {@code Nd} or {@code Nw}
   * @param count how many occurrences; exactly one of {@code count} and {@code through}
   * @param through the last day an occurrence may start on ({@code 2027-03-31})
   * @param skipConflicts make the occurrences nobody is in the way of and name the others
   */
  record Repeat(
      String every, Optional<Integer> count, Optional<String> through, boolean skipConflicts) {
    public Repeat {
      Objects.requireNonNull(every, "every");
      if (count.isPresent() == through.isPresent()) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "--every needs one end: give --count N (e.g. --count 12) or --through DATE (e.g."
                + " --through 2027-03-31), not both");
      }
    }
  }

  /**
   * The reservations of the host.
   *
   * @param all also ended and released ones; otherwise active and upcoming
   * @param mine only the caller's
   * @param user only this user's
   */
  record ListReservations(boolean all, boolean mine, Optional<String> user)
      implements Request<List<ReservationView>> {
    public ListReservations {
      Objects.requireNonNull(user, "user");
    }

    /** Active and upcoming reservations of everyone. */
    public static ListReservations current() {
      return new ListReservations(false, false, Optional.empty());
    }
  }

  /**
   * The first {@code limit} reservations {@code query} matches and how many more it does (what
   * {@code hosthog list} prints: a long list is cut, with a line saying how much was left out).
   */
  record Page(ListReservations query, int limit) implements Request<ReservationPage> {
    public Page {
      Objects.requireNonNull(query, "query");
      if (limit < 1) {
        throw new WireException(
            ErrorCode.BAD_INPUT, "--limit takes how many to show, from 1 (or 0 for all of them)");
      }
    }
  }

  /**
   * A command line the daemon runs for its caller, answering with what it printed: the fast path of
   * the {@code hosthog} command, whose client then loads no command line model. The daemon runs
   * only commands that do nothing but ask it (see the launcher's {@code ThinClient}); it refuses
   * any other with {@link ErrorCode#BAD_REQUEST}, and the client then runs the command itself.
   *
   * @param argv the words after {@code hosthog}, without {@code --socket} and {@code --config}
   * @param columns the terminal width the caller's environment gives ({@code COLUMNS}), if any
   */
  record Cli(List<String> argv, Optional<Integer> columns) implements Request<CliOutput> {
    /** The op's name, which the thin client writes without loading the codec. */
    public static final String OP = "cli";

    /** At most this many words: a command line, not a data channel. */
    public static final int MAX_WORDS = 1000;

    public Cli {
      argv = List.copyOf(argv);
      Objects.requireNonNull(columns, "columns");
      if (argv.size() > MAX_WORDS) {
        throw new WireException(
            ErrorCode.BAD_REQUEST, "a command line has at most " + MAX_WORDS + " words");
      }
      if (columns.isPresent() && (columns.get() < 10 || columns.get() > 9999)) {
        throw new WireException(ErrorCode.BAD_REQUEST, "field 'columns' must be from 10 to 9999");
      }
    }
  }

  /** One reservation with its history. */
  record Show(long id) implements Request<ReservationView> {}

  /**
   * Move a reservation's end: by a length ({@code 2h}) or to a time; exactly one of them.
   *
   * @param by added to the end current when the daemon applies it (not when the user typed it)
   */
  record Extend(long id, Optional<String> by, Optional<String> until, boolean series)
      implements Request<Granted> {
    /** Extends reservation {@code id} alone. */
    public Extend(long id, Optional<String> by, Optional<String> until) {
      this(id, by, until, false);
    }

    public Extend {
      if (by.isEmpty() && until.isEmpty()) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "extend needs --by DURATION (e.g. --by 2h) or --until WHEN (e.g. --until fri 18:00)");
      }
      if (by.isPresent() && until.isPresent()) {
        throw new WireException(
            ErrorCode.BAD_INPUT, "give extend --by DURATION or --until WHEN, not both");
      }
    }
  }

  /**
   * Change a reservation; an empty field keeps the current value.
   *
   * @param resources replace the resources (each in {@code mode}, or its default)
   * @param mode without {@code resources}: every current resource in this mode
   */
  record Edit(
      long id,
      Optional<String> at,
      Optional<String> until,
      Optional<String> message,
      Optional<List<String>> resources,
      Optional<String> mode,
      boolean force,
      boolean series)
      implements Request<Granted> {
    /** Changes reservation {@code id} alone. */
    public Edit(
        long id,
        Optional<String> at,
        Optional<String> until,
        Optional<String> message,
        Optional<List<String>> resources,
        Optional<String> mode,
        boolean force) {
      this(id, at, until, message, resources, mode, force, false);
    }

    public Edit {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(until, "until");
      Objects.requireNonNull(message, "message");
      resources = resources.map(List::copyOf);
      Objects.requireNonNull(mode, "mode");
    }
  }

  /** End a reservation now, or cancel one that has not started. */
  record Release(long id, boolean series) implements Request<Granted> {
    /** Releases reservation {@code id} alone. */
    public Release(long id) {
      this(id, false);
    }
  }

  /**
   * Keeps the lease {@code id} (a claim made by {@code hosthog run} without an end) alive; the
   * reservation as it stands.
   */
  record Renew(long id) implements Request<ReservationView> {}

  /**
   * Makes {@code claim} once it can be made, first come first served: the daemon keeps the caller's
   * place ({@code ticket}, empty the first time) while the caller asks again every few seconds.
   */
  record Wait(Claim claim, Optional<Long> ticket) implements Request<WaitResult> {
    public Wait {
      Objects.requireNonNull(claim, "claim");
      Objects.requireNonNull(ticket, "ticket");
      if (claim.repeat().isPresent()) {
        throw new WireException(ErrorCode.BAD_INPUT, "a wait makes one claim: it takes no --every");
      }
    }
  }

  /** Who waits for a claim, in the order they will get it. */
  record Waiting() implements Request<List<Waiter>> {}

  /** What can be claimed on the host. */
  record Resources() implements Request<Inventory> {}

  /** The host's limits on claims, and whether the caller is held to them. */
  record Limits() implements Request<LimitsReport> {}

  /** Every GPU as last sampled: load, memory, processes, who claimed it. */
  record Gpus() implements Request<List<GpuLine>> {}

  /** Who uses the host now, what starts later today, what is free. */
  record Status() implements Request<StatusReport> {}

  /** The message of the day as the motd file shows it. */
  record Motd() implements Request<MotdResult> {}

  /** The providers the daemon found, which are enabled, and plugins that did not load. */
  record Plugins() implements Request<PluginsReport> {}

  /** Sync every enabled calendar now, then report each one's status. */
  record Sync() implements Request<List<SyncReport>> {}

  /** A one-time login URL for the fleet's web page, for the calling user. */
  record Web() implements Request<WebLogin> {}

  /** Every host of the fleet with what is free on it now, from the state server. */
  record Fleet() implements Request<List<FleetHost>> {}

  /**
   * The fleet's usage statistics from the state server, per {@code groupBy} ({@code user} or {@code
   * host}) and {@code period} ({@code day}, {@code week} or {@code month}).
   */
  record FleetUsage(String groupBy, String period)
      implements Request<List<org.hosthog.api.spi.FleetUsage>> {
    public FleetUsage {
      if (!List.of("user", "host").contains(groupBy)) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "'--by "
                + org.hosthog.api.Text.sanitize(String.valueOf(groupBy))
                + "' is not understood: give --by user or --by host");
      }
      if (!List.of("day", "week", "month").contains(period)) {
        throw new WireException(
            ErrorCode.BAD_INPUT,
            "'--period "
                + org.hosthog.api.Text.sanitize(String.valueOf(period))
                + "' is not understood: give --period day, week or month");
      }
    }
  }
}
