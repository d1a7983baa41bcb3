package org.hosthog.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where hosthog keeps its files: the system paths for root (systemd), the XDG paths for an
 * ordinary user trying it out.
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

  public static Locations system() {
    return new Locations(
        Path.of("/etc/hosthog/hosthog.toml"),
        Path.of("/var/lib/hosthog"),
        SYSTEM_SOCKET,
        List.of(Path.of("/usr/share/hosthog/plugins"), Path.of("/etc/hosthog/plugins")));
  }

  /** The XDG locations of the user whose environment and home are given. */
  public static Locations user(Map<String, String> env, Path home) {
    Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("hosthog");
    Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("hosthog");
    Path runtime = env.containsKey("XDG_RUNTIME_DIR") ? Path.of(env.get("XDG_RUNTIME_DIR")).resolve("hosthog") : state;
    return new Locations(
        config.resolve("hosthog.toml"), state, runtime.resolve("hosthog.sock"), List.of(config.resolve("plugins")));
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
