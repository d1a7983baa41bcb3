package org.hosthog.sync.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.hosthog.api.ConfigException;
import org.hosthog.config.TomlSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code [sync.fleet]} section, good and garbage, from real files. */
class FleetSettingsTest {
  @TempDir Path dir;

  private Path token(String text, String mode) throws Exception {
    Path t = dir.resolve("fleet.token");
    Files.writeString(t, text);
    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(mode));
    return t;
  }

  private FleetSettings read(String section) throws Exception {
    Path f = dir.resolve("hosthog.toml");
    Files.writeString(f, "[sync.fleet]\n" + section);
    return FleetSettings.read(
        TomlSettings.file(f, false).table("sync", "sync").table("fleet", "sync.fleet"));
  }

  @Test
  void aGoodSection() throws Exception {
    Path t = token(" abc \n", "rw-------");
    FleetSettings s =
        read("url = \"https://hh.lab.example\"\ntoken_file = \"" + t + "\"\ninterval = \"5s\"\n");
    assertEquals(URI.create("https://hh.lab.example/"), s.url());
    assertEquals(Duration.ofSeconds(5), s.interval());
    assertEquals(Duration.ofMinutes(1), s.sampleEvery());
    assertEquals(Duration.ofDays(7), s.usageBuffer());
    FleetSettings set =
        read(
            "url = \"https://hh/\"\ntoken_file = \""
                + t
                + "\"\nsample_every = \"30s\"\nusage_buffer = \"2d\"\n");
    assertEquals(Duration.ofSeconds(30), set.sampleEvery());
    assertEquals(Duration.ofDays(2), set.usageBuffer());
    assertEquals("abc", s.token("sync.fleet"));
    assertTrue(s.serverAdmins(), "the server's admins are trusted unless the host says otherwise");
    assertTrue(
        !read("url = \"https://hh/\"\ntoken_file = \"" + t + "\"\nserver_admins = false\n")
            .serverAdmins());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "token_file = \"TOKEN\"|[sync.fleet] url = (missing): expected the state server's URL",
        "url = \"hh.lab\"\\ntoken_file = \"TOKEN\"|expected an http(s) URL",
        "url = \"http://hh.lab.example/\"\\ntoken_file = \"TOKEN\"|expected an https:// URL",
        "url = \"https://hh/\"|token_file = (missing)",
        "url = \"https://hh/\"\\ntoken_file = \"TOKEN\"\\ninterval = \"5m\"|from 1s to 60s",
        "url = \"https://hh/\"\\ntoken_file = \"/nonexistent/t\"|does not exist",
        "url = \"https://hh/\"\\ntoken_file = \"TOKEN\"\\nsample_every = \"10m\"|from 1s to 5m",
        "url = \"https://hh/\"\\ntoken_file = \"TOKEN\"\\nsample_every = \"often\"|sample_every",
        "url = \"https://hh/\"\\ntoken_file = \"TOKEN\"\\nusage_buffer = \"90d\"|from 1h to 30d",
      })
  void garbageIsRefusedWithWhatIsExpected(String section, String fragment) throws Exception {
    Path t = token("abc\n", "rw-------");
    String message =
        assertThrows(
                ConfigException.class,
                () -> read(section.replace("\\n", "\n").replace("TOKEN", t.toString()) + "\n"))
            .getMessage();
    assertTrue(message.contains(fragment), message);
  }

  @Test
  void plainHttpToLoopbackOrWhenAllowed() throws Exception {
    Path t = token("abc\n", "rw-------");
    assertEquals(
        "http",
        read("url = \"http://127.0.0.1:8470/\"\ntoken_file = \"" + t + "\"\n").url().getScheme());
    assertEquals(
        "http",
        read("url = \"http://hh.lab.example/\"\ntoken_file = \"" + t + "\"\nallow_http = true\n")
            .url()
            .getScheme());
  }

  @Test
  void aTokenFileOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path t = token("abc\n", "rw-r--r--");
    String message =
        assertThrows(
                ConfigException.class,
                () -> read("url = \"https://hh/\"\ntoken_file = \"" + t + "\"\n"))
            .getMessage();
    assertTrue(message.contains("chmod 600 " + t), message);
    Path empty = token("\n", "rw-------");
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> read("url = \"https://hh/\"\ntoken_file = \"" + empty + "\"\n"))
            .getMessage()
            .contains("is empty"));
  }
}
