package org.hosthog.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.hosthog.api.HosthogException;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code hosthog server ...}: the {@code hosthog} script runs this entry point for that word (with
 * the server's jars on the module path), passing the whole command line.
 */
@Command(
    name = "hosthog server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the fleet's state server (no subcommand), or manage the hosts linked to it.",
      "",
      "Examples:",
      "  hosthog server                      # serve; config /etc/hosthog/server.toml",
      "  hosthog server enroll gpu-box > gpu-box.token",
      "  hosthog server hosts",
      "  hosthog server revoke gpu-box"
    },
    subcommands = {
      ServerMain.Enroll.class,
      ServerMain.Hosts.class,
      ServerMain.Revoke.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Exit codes: 0 ok, 1 refused, 2 usage or config error."})
public final class ServerMain implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "The server's config file (default /etc/hosthog/server.toml, as a user"
              + " $XDG_CONFIG_HOME/hosthog/server.toml).")
  Path config;

  /** Held, so the level set on it is not lost with a collected logger. */
  private static final java.util.logging.Logger POOL_LOG =
      java.util.logging.Logger.getLogger("com.zaxxer.hikari");

  public static void main(String[] args) {
    // one line per record, as the host daemon logs (journald adds its own time stamp)
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
    }
    POOL_LOG.setLevel(java.util.logging.Level.WARNING); // its start and stop say nothing useful
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs {@code args} (the whole command line; the word {@code server} is skipped). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    rest.remove("server");
    CommandLine cli = new CommandLine(new ServerMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof HosthogException) {
            err.println("hosthog server: " + e.getMessage());
            return e instanceof org.hosthog.api.ConfigException ? 2 : 1;
          }
          throw e;
        });
    return cli.execute(rest.toArray(String[]::new));
  }

  ServerConfig config() {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path file = config != null ? config : ServerConfig.defaultFile(System.getenv(), root);
    return ServerConfig.load(file, config == null, System.getenv(), root);
  }

  /** Serves until stopped (SIGTERM, Ctrl-C). */
  @Override
  public Integer call() throws InterruptedException {
    StateServer server = StateServer.start(config());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hosthog-server-stop"));
    server.join();
    return 0;
  }

  @Command(
      name = "enroll",
      mixinStandardHelpOptions = true,
      description = {
        "Enrol HOST: print a new token for it (alone on stdout; it is shown only once).",
        "An enrolled host is refused unless --replace gives it a new token (the old one stops"
            + " working at once)."
      })
  static final class Enroll implements Callable<Integer> {
    @CommandLine.ParentCommand ServerMain parent;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "The host's name as its daemon reports it.")
    String host;

    @CommandLine.Option(
        names = "--replace",
        description = "Give an enrolled host a new token; its current one stops working now.")
    boolean replace;

    @Override
    public Integer call() {
      if (!host.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "'"
                + org.hosthog.api.Text.sanitize(host)
                + "' is not a host name (letters, digits,"
                + " '.', '_', '-')");
      }
      ServerConfig config = parent.config();
      String token = Secrets.newToken();
      PrintWriter err = spec.commandLine().getErr();
      try (FleetDb db = FleetDb.open(config)) {
        var enrolled = db.hosts().host(host).filter(h -> h.revoked().isEmpty());
        if (enrolled.isPresent() && !replace) {
          err.println(
              "hosthog server: "
                  + host
                  + " is enrolled already (since "
                  + enrolled.get().enrolled()
                  + "); its daemon keeps its token. To give it a new one, run 'hosthog server"
                  + " enroll --replace "
                  + host
                  + "': the current token stops working at once.");
          return 1;
        }
        db.hosts().enroll(host, Secrets.hash(token), Instant.now());
        if (enrolled.isPresent()) {
          err.println(
              host
                  + "'s old token stops working now: its daemon is refused until it has the new"
                  + " one.");
        }
      }
      spec.commandLine().getOut().println(token);
      err.println("Enrolled " + host + ". On " + host + ", as root:");
      err.println("  install -m 600 /dev/stdin /etc/hosthog/fleet.token   # paste the token");
      err.println("and add to /etc/hosthog/hosthog.toml:");
      err.println("  [sync.fleet]");
      err.println("  url = \"" + config.publicUrl() + "\"");
      err.println("  token_file = \"/etc/hosthog/fleet.token\"");
      err.println("then: systemctl restart hosthog");
      return 0;
    }
  }

  @Command(
      name = "hosts",
      mixinStandardHelpOptions = true,
      description = "List the enrolled hosts and when each was last in contact.")
  static final class Hosts implements Callable<Integer> {
    @CommandLine.ParentCommand ServerMain parent;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<org.hosthog.server.database.Hosts.HostRow> all;
      ServerConfig config = parent.config();
      try (FleetDb db = FleetDb.open(config)) {
        all = db.hosts().all();
      }
      Instant now = Instant.now();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"HOST", "STATE", "LAST SEEN", "ENROLLED"});
      for (org.hosthog.server.database.Hosts.HostRow h : all) {
        String state =
            h.revoked().isPresent()
                ? "revoked"
                : h.lastSeen().isEmpty()
                    ? "not seen with its token yet"
                    : h.lastSeen()
                            .get()
                            .isAfter(now.minus(org.hosthog.server.database.Hosts.OFFLINE_AFTER))
                        ? "online"
                        : "offline";
        rows.add(
            new String[] {
              h.name(),
              state,
              h.lastSeen().map(t -> ago(Duration.between(t, now))).orElse("-"),
              ENROLLED.format(h.enrolled().atZone(config.zone()))
            });
      }
      PrintWriter out = spec.commandLine().getOut();
      if (rows.size() == 1) {
        out.println("No host is enrolled yet: hosthog server enroll HOST");
        return 0;
      }
      int[] w = new int[4];
      rows.forEach(r -> Arrays.setAll(w, i -> Math.max(w[i], r[i].length())));
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
          line.append(i < r.length - 1 ? String.format("%-" + (w[i] + 2) + "s", r[i]) : r[i]);
        }
        out.println(line.toString().stripTrailing());
      }
      return 0;
    }

    private static final java.time.format.DateTimeFormatter ENROLLED =
        java.time.format.DateTimeFormatter.ofPattern(
            "EEE d MMM yyyy HH:mm", java.util.Locale.ENGLISH);

    private static String ago(Duration d) {
      long s = Math.max(0, d.toSeconds());
      return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revoke HOST's token: its link is refused from now on, and the web sessions and login"
              + " links it vouched for end; its reservations stay.")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.ParentCommand ServerMain parent;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "HOST")
    String host;

    @Override
    public Integer call() {
      boolean revoked;
      try (FleetDb db = FleetDb.open(parent.config())) {
        revoked = db.hosts().revoke(host, Instant.now());
      }
      if (!revoked) {
        spec.commandLine()
            .getErr()
            .println(
                "hosthog server: no host '"
                    + org.hosthog.api.Text.sanitize(host)
                    + "' is enrolled (see 'hosthog server hosts')");
        return 1;
      }
      spec.commandLine()
          .getOut()
          .println(
              "Revoked "
                  + host
                  + "'s token; the web sessions and login links it vouched for have ended.");
      return 0;
    }
  }
}
