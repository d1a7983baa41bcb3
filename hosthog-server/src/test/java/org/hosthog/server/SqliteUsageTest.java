package org.hosthog.server;

import java.nio.file.Path;
import org.hosthog.server.config.ServerConfig;
import org.junit.jupiter.api.io.TempDir;

class SqliteUsageTest extends UsageContract {
  @TempDir Path dir;

  @Override
  ServerConfig freshConfig() {
    return Configs.sqlite(dir);
  }
}
