package org.hosthog.launcher.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.config.Locations;
import org.hosthog.wire.Calls;
import org.hosthog.wire.HosthogClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --socket} and {@code --config}, accepted before or after the subcommand. */
public final class GlobalOptions {
  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description =
          "The daemon's socket (env HOSTHOG_SOCKET). Default: the system socket, then your own.")
  Path socket;

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description = "The config file (env HOSTHOG_CONFIG).")
  Path config;

  Map<String, String> env = System.getenv();

  /** Where requests go instead of a socket: set when the daemon runs the command line itself. */
  private Calls answeredBy;

  /**
   * The first word of a command line that is neither an option nor a global option's value: the
   * subcommand.
   */
  public static java.util.Optional<String> firstWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--socket") || a.equals("--config")) {
        i++; // its value
      } else if (!a.startsWith("-")) {
        return java.util.Optional.of(a);
      }
    }
    return java.util.Optional.empty();
  }

  /** Hands the process environment to the root command (tests pass their own). */
  public static void environment(CommandLine root, Map<String, String> env) {
    for (Object mixin : root.getMixins().values()) {
      if (mixin instanceof GlobalOptions g) {
        g.env = Map.copyOf(env);
      }
    }
  }

  /**
   * Sends the commands' requests to {@code calls} instead of a socket (the daemon running a thin
   * client's command line for its caller).
   */
  public static void answeredBy(CommandLine root, Calls calls) {
    for (Object mixin : root.getMixins().values()) {
      if (mixin instanceof GlobalOptions g) {
        g.answeredBy = calls;
      }
    }
  }

  /** Where this command's requests go: the daemon it runs in, else the socket the options name. */
  static Calls connect(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      for (Object mixin : s.mixins().values().stream().map(CommandSpec::userObject).toList()) {
        if (mixin instanceof GlobalOptions g && g.answeredBy != null) {
          return g.answeredBy;
        }
      }
    }
    return HosthogClient.connect(resolve(spec).sockets(), Duration.ofSeconds(30));
  }

  /** Where the shell's completion asks the daemon: as the root command's options and env say. */
  public static List<Path> socketsFor(CommandLine root, Map<String, String> env) {
    environment(root, env);
    return resolve(root.getCommandSpec()).sockets();
  }

  /**
   * This command's options, falling back to those given before the subcommand, then the
   * environment.
   */
  static Resolved resolve(CommandSpec spec) {
    Path socket = null;
    Path config = null;
    Map<String, String> env = System.getenv();
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      for (Object mixin : s.mixins().values().stream().map(CommandSpec::userObject).toList()) {
        if (mixin instanceof GlobalOptions g) {
          socket = socket != null ? socket : g.socket;
          config = config != null ? config : g.config;
          env = g.env;
        }
      }
    }
    return resolve(Optional.ofNullable(socket), Optional.ofNullable(config), env);
  }

  /**
   * Options given on the command line, else from the environment ({@code HOSTHOG_SOCKET}, {@code
   * HOSTHOG_CONFIG}).
   */
  static Resolved resolve(Optional<Path> socket, Optional<Path> config, Map<String, String> env) {
    return new Resolved(
        socket.or(() -> fromEnv(env, "HOSTHOG_SOCKET")),
        config.or(() -> fromEnv(env, "HOSTHOG_CONFIG")),
        env);
  }

  private static Optional<Path> fromEnv(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** The options as they apply to one command. */
  record Resolved(Optional<Path> socket, Optional<Path> config, Map<String, String> env) {

    /** Where to look for a daemon, in order. */
    List<Path> sockets() {
      if (socket.isPresent()) {
        return List.of(socket.get());
      }
      if (config.isPresent()) {
        return List.of(
            HosthogConfig.load(config.get(), Locations.forCurrentUser(), false).socket());
      }
      List<Path> candidates = new ArrayList<>();
      candidates.add(Locations.SYSTEM_SOCKET);
      Path user = Locations.userSocket(env, Path.of(System.getProperty("user.home")));
      if (!candidates.contains(user)) {
        candidates.add(user);
      }
      return candidates;
    }
  }
}
