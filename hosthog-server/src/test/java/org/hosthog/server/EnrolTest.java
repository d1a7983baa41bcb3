package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hosthog server enroll} on a real SQLite fleet database: pasting the enrol line twice does
 * not silently cut off a running host, and a replaced host is not shown online.
 */
class EnrolTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run server(Path config, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = ServerMain.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void enrollingAnEnrolledHostIsRefusedUnlessReplacedAndAReplacedHostIsNotOnline()
      throws Exception {
    Path config = dir.resolve("server.toml");
    Files.writeString(config, "[server]\nstate_dir = \"" + dir.resolve("state") + "\"\n");
    Run first = server(config, "enroll", "alpha");
    assertEquals(0, first.exit(), first.err());
    String token = first.out().strip();
    try (FleetDb db = FleetDb.open(ServerConfig.load(config, false, System.getenv(), false))) {
      db.hosts().touch("alpha", Instant.now(), Optional.empty());
    }
    assertTrue(server(config, "hosts").out().contains("online"));

    Run again = server(config, "enroll", "alpha");
    assertEquals(1, again.exit());
    assertEquals("", again.out(), "no token printed: nothing changed");
    assertTrue(again.err().contains("enroll --replace alpha"), again.err());
    try (FleetDb db = FleetDb.open(ServerConfig.load(config, false, System.getenv(), false))) {
      assertEquals(Optional.of("alpha"), db.hosts().hostForToken(Secrets.hash(token)));
    }

    Run replaced = server(config, "enroll", "--replace", "alpha");
    assertEquals(0, replaced.exit(), replaced.err());
    assertNotEquals(token, replaced.out().strip());
    assertTrue(replaced.err().contains("old token stops working now"), replaced.err());
    try (FleetDb db = FleetDb.open(ServerConfig.load(config, false, System.getenv(), false))) {
      assertEquals(Optional.empty(), db.hosts().hostForToken(Secrets.hash(token)));
      assertEquals(
          Optional.of("alpha"), db.hosts().hostForToken(Secrets.hash(replaced.out().strip())));
    }
    String hosts = server(config, "hosts").out();
    assertTrue(hosts.contains("not seen with its token yet") && !hosts.contains("online"), hosts);
    assertTrue(
        hosts.matches(
                "(?s).*alpha .* [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d\\s*")
            && !hosts.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT.*"),
        "the enrolment time as people read it, not a raw instant: " + hosts);

    assertEquals(0, server(config, "revoke", "alpha").exit());
    assertTrue(server(config, "hosts").out().contains("revoked"));
    assertEquals(0, server(config, "enroll", "alpha").exit(), "a revoked host enrols again");
  }
}
