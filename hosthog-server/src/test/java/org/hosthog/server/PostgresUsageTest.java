package org.hosthog.server;

import org.hosthog.server.config.ServerConfig;

class PostgresUsageTest extends UsageContract {
  @Override
  ServerConfig freshConfig() throws Exception {
    return Configs.postgres(Postgres.shared().newDatabase(), java.nio.file.Path.of("/tmp"));
  }
}
