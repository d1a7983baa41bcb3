package org.hosthog.server;

class PostgresUsageTest extends UsageContract {
  @Override
  ServerConfig freshConfig() throws Exception {
    return Configs.postgres(Postgres.shared().newDatabase(), java.nio.file.Path.of("/tmp"));
  }
}
