package org.hosthog.server;

import java.nio.file.Path;
import org.hosthog.server.config.ServerConfig;
import org.junit.jupiter.api.io.TempDir;

class SqliteFleetDbTest extends FleetDbContract {
  @TempDir Path dir;

  @Override
  ServerConfig freshConfig() {
    return Configs.sqlite(dir);
  }
}
