package org.hosthog.server;

import org.hosthog.server.config.ServerConfig;

class PostgresApiTest extends ApiContract {
  @Override
  ServerConfig freshConfig() throws Exception {
    return Configs.postgres(Postgres.shared().newDatabase(), java.nio.file.Path.of("/tmp"));
  }
}
