package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.hosthog.server.http.Router;
import org.hosthog.server.statistics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docs/http-api.md} is the HTTP API's contract: every route of the table is in it. */
class HttpApiDocTest {
  @Test
  void everyRouteIsDocumented(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("../docs/http-api.md"), StandardCharsets.UTF_8);
    Clock clock = Clock.systemUTC();
    for (Router.Route r :
        Api.routes(Configs.sqlite(dir), null, null, clock, new Metrics(null, clock))) {
      String row = "`" + r.method() + " " + r.pattern() + "`";
      assertTrue(doc.contains(row), "docs/http-api.md does not mention " + row);
    }
  }
}
