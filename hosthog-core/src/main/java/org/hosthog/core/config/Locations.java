package org.hosthog.core.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where hosthog keeps its files: the system paths for root (systemd), the XDG paths for an ordinary
 * user trying it out.
 *
 * @param configFile the config read when none is given
 * @param stateDir where the store lives
 * @param socket the daemon's Unix socket
 * @param pluginDirs folders searched for plugin jars
 */
public record Locations(Path configFile, Path stateDir, Path socket, List<Path> pluginDirs) {
  public Locations {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(socket, "socket");
    pluginDirs = List.copyOf(pluginDirs);
  }

  public static final Path SYSTEM_SOCKET = Path.of("/run/hosthog/hosthog.sock");

  /**
   * The system paths; plugins in the distribution's own {@code plugins/} and {@code
   * /etc/hosthog/plugins}.
   */
  public static Locations system() {
    return new Locations(
        Path.of("/etc/hosthog/hosthog.toml"),
        Path.of("/var/lib/hosthog"),
        SYSTEM_SOCKET,
        List.of(
            distributionPlugins().orElse(Path.of("/usr/share/hosthog/plugins")),
            Path.of("/etc/hosthog/plugins")));
  }

  /**
   * The {@code plugins/} folder of the distribution this code runs from ({@code <dist>/lib/*.jar}
   * beside {@code <dist>/plugins/}): {@code /usr/share/hosthog/plugins} when installed by the
   * package, {@code hosthog-launcher/target/hosthog/plugins} in a build. Empty when not run from a
   * distribution (e.g. from classes in a test).
   */
  public static Optional<Path> distributionPlugins() {
    try {
      CodeSource source = Locations.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path lib = Path.of(source.getLocation().toURI()).getParent();
      if (lib == null
          || lib.getFileName() == null
          || !lib.getFileName().toString().equals("lib")
          || lib.getParent() == null) {
        return Optional.empty();
      }
      Path plugins = lib.getParent().resolve("plugins");
      return Files.isDirectory(plugins) ? Optional.of(plugins) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The XDG locations of the user whose environment and home are given. */
  public static Locations user(Map<String, String> env, Path home) {
    Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("hosthog");
    Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("hosthog");
    List<Path> plugins = new ArrayList<>();
    distributionPlugins().ifPresent(plugins::add);
    plugins.add(config.resolve("plugins"));
    return new Locations(config.resolve("hosthog.toml"), state, userSocket(env, home), plugins);
  }

  /**
   * An ordinary user's socket: {@code $XDG_RUNTIME_DIR/hosthog/hosthog.sock}, else in the state
   * folder. Cheap: the CLI's fast path asks it before it has loaded anything else.
   */
  public static Path userSocket(Map<String, String> env, Path home) {
    Path runtime =
        env.containsKey("XDG_RUNTIME_DIR")
            ? Path.of(env.get("XDG_RUNTIME_DIR")).resolve("hosthog")
            : xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("hosthog");
    return runtime.resolve("hosthog.sock");
  }

  /** The locations for the user running this JVM. */
  public static Locations forCurrentUser() {
    return "root".equals(System.getProperty("user.name"))
        ? system()
        : user(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  private static Path xdg(Map<String, String> env, String name, Path fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() || !value.startsWith("/") ? fallback : Path.of(value);
  }
}
