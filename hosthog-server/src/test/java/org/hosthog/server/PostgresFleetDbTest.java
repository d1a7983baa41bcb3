package org.hosthog.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresFleetDbTest extends FleetDbContract {
  static Postgres pg;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = Postgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @Override
  ServerConfig freshConfig() throws Exception {
    return Configs.postgres(pg.newDatabase(), java.nio.file.Path.of("/tmp"));
  }
}
