package org.hosthog.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hosthog.server.config.ServerConfig;

/** Server configs for tests: loopback, a free port. */
final class Configs {
  /** Days are counted in Berlin's time, so a test sees that a day is not a UTC day. */
  static final ServerConfig.Usage USAGE =
      new ServerConfig.Usage(java.time.ZoneId.of("Europe/Berlin"), 14, List.of());

  private Configs() {}

  static ServerConfig sqlite(Path stateDir) {
    return new ServerConfig(
        "test",
        "127.0.0.1",
        0,
        URI.create("http://127.0.0.1/"),
        stateDir,
        "sqlite",
        Optional.empty(),
        List.of("carol"),
        Optional.empty(),
        ServerConfig.LOOPBACK,
        ServerConfig.DEFAULT_MAX_EVENT_STREAMS,
        Duration.ofHours(1),
        Configs.USAGE);
  }

  static ServerConfig postgres(String url, Path stateDir) {
    return new ServerConfig(
        "test",
        "127.0.0.1",
        0,
        URI.create("http://127.0.0.1/"),
        stateDir,
        "postgresql",
        Optional.of(new ServerConfig.Postgres(url, Postgres.USER, "")),
        List.of("carol"),
        Optional.empty(),
        ServerConfig.LOOPBACK,
        ServerConfig.DEFAULT_MAX_EVENT_STREAMS,
        Duration.ofHours(1),
        Configs.USAGE);
  }
}
