package org.hosthog.server;

import org.hosthog.server.config.ServerConfig;

class PostgresFleetDbTest extends FleetDbContract {
  @Override
  ServerConfig freshConfig() throws Exception {
    return Configs.postgres(Postgres.shared().newDatabase(), java.nio.file.Path.of("/tmp"));
  }
}
