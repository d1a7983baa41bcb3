package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.api.ConfigException;
import org.hosthog.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's config file, good and garbage, from real files. */
class ServerConfigTest {
  @TempDir Path dir;

  private ServerConfig load(String toml) throws Exception {
    Path f = dir.resolve("server.toml");
    Files.writeString(f, toml);
    return ServerConfig.load(f, false, Map.of("XDG_STATE_HOME", dir.toString()), false);
  }

  private String refused(String toml) {
    return assertThrows(ConfigException.class, () -> load(toml)).getMessage();
  }

  @Test
  void everyKeyHasADefault() throws Exception {
    ServerConfig c = load("");
    assertEquals("127.0.0.1", c.listenHost());
    assertEquals(8470, c.listenPort());
    assertEquals(URI.create("http://127.0.0.1:8470/"), c.publicUrl());
    assertEquals(dir.resolve("hosthog-server"), c.stateDir());
    assertEquals("sqlite", c.database());
    assertEquals(Optional.empty(), c.postgres());
    assertEquals(Duration.ofHours(12), c.sessionLifetime());
    assertEquals(Optional.empty(), c.trustedUserHeader());
    assertEquals(java.time.ZoneId.systemDefault(), c.zone());
    assertEquals(14, c.usage().rawDays());
    assertEquals(List.of(), c.usage().metricsFrom());
  }

  @Test
  void aMissingOptionalFileIsTheDefaults() {
    ServerConfig c = ServerConfig.load(dir.resolve("none.toml"), true, Map.of(), false);
    assertEquals(8470, c.listenPort());
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> ServerConfig.load(dir.resolve("none.toml"), false, Map.of(), false))
            .getMessage()
            .contains("no such config file"));
  }

  @Test
  void everythingCanBeSet() throws Exception {
    Path secret = dir.resolve("db.secret");
    Files.writeString(secret, "  s3cret \nignored\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    ServerConfig c =
        load(
            "[server]\nlisten = \"[::1]:9000\"\npublic_url = \"https://hh.lab.example\"\n"
                + "database = \"postgresql\"\nadmin_users = [\"alice\"]\n"
                + "trusted_user_header = \"X-Remote-User\"\nsession_lifetime = \"2h\"\n"
                + "time_zone = \"Asia/Kolkata\"\nusage_raw_days = 30\n"
                + "metrics_from = [\"10.0.0.7\", \"::1\"]\n"
                + "trusted_proxies = [\"10.0.0.2\"]\n"
                + "[server.postgresql]\nurl = \"jdbc:postgresql://db/hh\"\nuser = \"hh\"\n"
                + "password_file = \""
                + secret
                + "\"\n");
    assertEquals("::1", c.listenHost());
    assertEquals(9000, c.listenPort());
    assertEquals(URI.create("https://hh.lab.example/"), c.publicUrl());
    assertEquals("s3cret", c.postgres().orElseThrow().password());
    assertEquals(List.of("alice"), c.adminUsers());
    assertEquals(Optional.of("X-Remote-User"), c.trustedUserHeader());
    assertEquals(Duration.ofHours(2), c.sessionLifetime());
    assertEquals(java.time.ZoneId.of("Asia/Kolkata"), c.zone());
    assertEquals(30, c.usage().rawDays());
    assertEquals(List.of("10.0.0.7", "::1"), c.usage().metricsFrom());
    assertEquals(List.of("10.0.0.2"), c.trustedProxies());
    assertEquals(ServerConfig.LOOPBACK, load("[server]\n").trustedProxies(), "default: loopback");
    assertTrue(!c.postgres().orElseThrow().toString().contains("s3cret"), "no password in logs");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[server]\\nlisten = \"localhost\"|server.toml:2: [server] listen = \"localhost\": expected an address and port",
        "[server]\\nlisten = \"127.0.0.1:99999\"|expected an address and port",
        "[server]\\nlisten = \"0.0.0.0:8470\"|expected a loopback address",
        "[server]\\ndatabase = \"mysql\"|[server] database = \"mysql\": expected \"sqlite\" or \"postgresql\"",
        "[server]\\ndatabase = \"postgresql\"|[server.postgresql] url = (missing): expected a JDBC URL",
        "[server]\\npublic_url = \"ftp://x/\"|expected an http(s) URL",
        "[server]\\nsession_lifetime = \"5s\"|expected a duration of at least 1m",
        "[server]\\nsession_lifetime = \"soon\"|session_lifetime",
        "[server]\\ntrusted_user_header = \"X Remote\"|expected a header name",
        "[server]\\nlisen = \"127.0.0.1:1\"|unknown key 'lisen' in [server]",
        "[sever]\\nlisten = \"127.0.0.1:1\"|unknown key 'sever' at the top level",
        "server = 5|'server' must be a section",
        "[server\\nlisten = 1|not valid TOML",
        "[server]\\nlisten = 8470|listen",
        "[server.postgresql]\\nport = 5432|unknown key 'port' in [server.postgresql]",
        "[server]\\ntime_zone = \"Mars/Olympus\"|expected a time zone such as \"Europe/Berlin\"",
        "[server]\\nusage_raw_days = 0|expected a number of days from 1 to 3660",
        "[server]\\nusage_raw_days = \"two weeks\"|usage_raw_days",
        "[server]\\nmetrics_from = [\"prometheus.lab\"]|expected a list of IP addresses",
        "[server]\\nmetrics_from = \"10.0.0.7\"|metrics_from",
        "[server]\\ntrusted_proxies = [\"proxy.lab\"]|expected a list of IP addresses"
      })
  void garbageIsRefusedNamingTheFileLineKeyAndWhatIsExpected(String toml, String fragment) {
    String message = refused(toml.replace("\\n", "\n"));
    assertTrue(message.contains(fragment), message);
  }

  @Test
  void anotherAddressNeedsAllowHttp() throws Exception {
    assertEquals(
        "0.0.0.0", load("[server]\nlisten = \"0.0.0.0:8470\"\nallow_http = true\n").listenHost());
  }

  @Test
  void aPasswordFileOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path secret = dir.resolve("db.secret");
    Files.writeString(secret, "s3cret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    String message =
        refused(
            "[server]\ndatabase = \"postgresql\"\n[server.postgresql]\nurl = \"jdbc:postgresql://db/hh\"\n"
                + "password_file = \""
                + secret
                + "\"\n");
    assertTrue(message.contains("chmod 600 " + secret), message);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(secret, "\n");
    assertTrue(
        refused(
                "[server]\ndatabase = \"postgresql\"\n[server.postgresql]\nurl = \"jdbc:postgresql://db/hh\"\n"
                    + "password_file = \""
                    + secret
                    + "\"\n")
            .contains("is empty"));
  }

  @Test
  void theConfigOptionMayStandBeforeOrAfterTheSubcommand() throws Exception {
    Path f = dir.resolve("s.toml");
    Files.writeString(f, "[server]\nstate_dir = \"" + dir.resolve("state") + "\"\n");
    for (List<String> args :
        List.of(
            List.of("--config", f.toString(), "server", "hosts"),
            List.of("server", "hosts", "--config", f.toString()),
            List.of("server", "--config", f.toString(), "hosts"))) {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      int rc =
          ServerMain.run(
              args.toArray(String[]::new),
              new java.io.PrintWriter(out),
              new java.io.PrintWriter(err));
      assertEquals(0, rc, args + ": " + err);
      assertTrue(out.toString().contains("No host is enrolled yet"), args + ": " + out);
    }
    java.io.StringWriter err = new java.io.StringWriter();
    Files.writeString(f, "[server]\nbogus = 1\n");
    int rc =
        ServerMain.run(
            new String[] {"server", "hosts", "--config", f.toString()},
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err));
    assertEquals(2, rc);
    assertTrue(err.toString().contains("unknown key 'bogus'"), err.toString());
  }
}
