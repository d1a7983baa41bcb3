package org.hosthog.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hosthog.api.ConfigException;
import org.hosthog.config.TomlSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HosthogConfigTest {
  private static final Locations LOC = Locations.system();

  /** The example of DESIGN.md, verbatim. */
  private static final String DESIGN_EXAMPLE =
      """
      [daemon]
      socket = "/run/hosthog/hosthog.sock"
      state_dir = "/var/lib/hosthog"
      admin_groups = ["sudo", "hosthog-admin"]
      heads_up = "5m"                 # warning before an exclusive claim starts

      [store]
      backend = "sqlite"              # "mapdb", or a plugin's id

      [resources]
      gpus = 4                        # overrides nvidia-smi detection (hosts without it, tests)
      extra = ["fpga0", "scratch"]    # admin-named resources

      [notify]
      enabled = ["motd", "wall"]      # ids of notifier plugins; this is the default

      [notify.motd]
      path = "/run/motd.d/hosthog"

      [sync.caldav]                   # present = enabled
      url = "https://cloud.example.org/remote.php/dav/calendars/hosthog/lab-servers/"
      username = "hosthog"
      password_file = "/etc/hosthog/caldav.secret"
      interval = "60s"

      [sync.caldav.users]             # calendar identity -> Unix user
      "alice@example.org" = "alice"

      [plugins]
      dir = ["/usr/share/hosthog/plugins", "/etc/hosthog/plugins"]
      """;

  @Test
  void theDesignExampleReadsAsWritten() {
    HosthogConfig c = HosthogConfig.parse("hosthog.toml", DESIGN_EXAMPLE, LOC);
    assertEquals(Path.of("/run/hosthog/hosthog.sock"), c.socket());
    assertEquals(List.of("sudo", "hosthog-admin"), c.adminGroups());
    assertEquals(Duration.ofMinutes(5), c.headsUp());
    assertEquals(OptionalInt.of(4), c.gpus());
    assertEquals(List.of("fpga0", "scratch"), c.extraResources());
    assertEquals(List.of("motd", "wall"), c.notifiers());
    assertEquals(List.of("caldav"), c.calendarSyncs());
    TomlSettings caldav = c.pluginSettings("sync", "caldav");
    assertEquals("hosthog", caldav.string("username").orElseThrow());
    assertEquals(Duration.ofSeconds(60), caldav.duration("interval").orElseThrow());
    assertEquals(Map.of("alice@example.org", "alice"), caldav.table("users"));
    assertEquals(
        "/run/motd.d/hosthog", c.pluginSettings("notify", "motd").string("path").orElseThrow());
  }

  @Test
  void anEmptyOrMissingFileGivesTheDefaults(@TempDir Path dir) {
    HosthogConfig empty = HosthogConfig.parse("empty.toml", "", LOC);
    HosthogConfig missing = HosthogConfig.load(dir.resolve("absent.toml"), LOC, true);
    for (HosthogConfig c : List.of(empty, missing)) {
      assertEquals(LOC.socket(), c.socket());
      assertEquals(LOC.stateDir(), c.stateDir());
      assertEquals(List.of("sudo", "hosthog-admin"), c.adminGroups());
      assertEquals("sqlite", c.storeBackend());
      assertEquals(List.of("motd", "wall"), c.notifiers());
      assertEquals(List.of(), c.calendarSyncs());
      assertEquals(OptionalInt.empty(), c.gpus());
    }
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> HosthogConfig.load(dir.resolve("absent.toml"), LOC, false));
    assertTrue(e.getMessage().contains("no such config file"), e.getMessage());
  }

  @Test
  void errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hosthog.toml");
    Files.writeString(file, "# comment\n[daemon]\nsocket = \"/run/x.sock\"\nheads_up = \"soon\"\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> HosthogConfig.load(file, LOC, false));
    assertEquals(
        file
            + ":4: [daemon] heads_up = \"soon\": expected a duration in quotes, e.g. \"90s\", \"5m\", \"2h\", \"1h30m\"",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [daemon]\\nsockt = "/x"|t.toml:2: unknown key 'sockt' in [daemon]; known keys: host, socket, state_dir, admin_groups, heads_up
          [daemon]\\nhost = "gpu box"|t.toml:2: [daemon] host = "gpu box": expected a host name of letters, digits
          [daemon]\\nhost = "[x]"|expected a host name
          [deamon]\\nsocket = "/x"|t.toml:1: unknown section or key 'deamon'
          gpus = 4|t.toml:1: unknown section or key 'gpus'
          [daemon]\\nsocket = "relative.sock"|t.toml:2: [daemon] socket = "relative.sock": expected an absolute path
          [daemon]\\nsocket = 5|t.toml:2: [daemon] socket = 5: expected a string in quotes
          [daemon]\\nadmin_groups = "sudo"|[daemon] admin_groups = "sudo": expected an array of strings
          [daemon]\\nadmin_groups = ["sudo", 3]|expected an array of strings
          [daemon]\\nheads_up = "-5m"|[daemon] heads_up = "-5m": expected a duration
          [store]\\nbackend = "My Store"|[store] backend = "My Store": expected a plugin id
          [resources]\\ngpus = -1|t.toml:2: [resources] gpus = -1: expected a number of GPUs from 0 to 1024
          [resources]\\ngpus = "four"|[resources] gpus = "four": expected a whole number
          [resources]\\nextra = ["FPGA 0"]|[resources] extra = ["FPGA 0"]: expected resource names
          [resources]\\nextra = ["gpu"]|expected resource names
          [resources]\\nextra = ["a", "a"]|expected each name only once
          [notify]\\nenabled = "motd"|[notify] enabled = "motd": expected an array of strings
          [notify]\\nenabeld = ["motd"]|unknown key 'enabeld' in [notify]
          [plugins]\\ndir = ["plugins"]|expected an absolute path
          [limits]\\nmax_duration = "-7d"|t.toml:2: [limits] max_duration = "-7d": expected a duration
          [limits]\\nmax_duration = "30s"|t.toml:2: [limits] max_duration = "30s": expected a duration from "1m" to "3660d"
          [limits]\\nmax_future = "99999d"|[limits] max_future = "99999d": expected a duration from "1m" to "3660d"
          [limits]\\nmax_gpus_per_user = 0|t.toml:2: [limits] max_gpus_per_user = 0: expected a number of GPUs from 1 to 1024
          [limits]\\nmax_gpus_per_user = 100000|expected a number of GPUs from 1 to 1024
          [limits]\\nmax_gpus_per_user = "4"|expected a whole number
          [limits]\\nextend_within = 3|[limits] extend_within = 3: expected a duration in quotes
          [limits]\\nexempt_groups = "staff"|expected an array of strings
          [limits]\\nidle_below = 0|t.toml:2: [limits] idle_below = 0: expected a utilisation in percent from 1 to 100
          [limits]\\nidle_below = 101|expected a utilisation in percent from 1 to 100
          [limits]\\nidle_below = "5%"|[limits] idle_below = "5%": expected a whole number
          [resources]\\nsample_every = "500ms"|[resources] sample_every = "500ms": expected a duration
          [resources]\\nsample_every = "10m"|t.toml:2: [resources] sample_every = "10m": expected a duration from "1s" to "5m"
          [resources]\\nsample_every = 60|expected a duration in quotes
          [limits]\\nmax_gpu = 4|unknown key 'max_gpu' in [limits]; known keys: max_duration, max_future, max_gpus_per_user
          [daemon\\nsocket = "/x"|t.toml:1: not valid TOML
          [daemon]\\nsocket = "/x"\\nsocket = "/y"|t.toml:3: not valid TOML
          [daemon]\\nsocket = "/x|t.toml:2: not valid TOML
          \\u0000garbage\\u0001|not valid TOML
          """)
  void badConfigsFailNamingWhatIsWrong(String toml, String expected) {
    String text =
        toml.replace("\\n", "\n").replace("\\u0000", "\u0000").replace("\\u0001", "\u0001");
    ConfigException e =
        assertThrows(ConfigException.class, () -> HosthogConfig.parse("t.toml", text, LOC));
    assertTrue(e.getMessage().contains(expected), "got: " + e.getMessage());
  }

  @Test
  void limitsAreReadWithTheirDefaults() {
    HosthogConfig c =
        HosthogConfig.parse(
            "t.toml",
            "[limits]\nmax_duration = \"7d\"\nmax_future = \"14d\"\nmax_gpus_per_user = 4\n"
                + "extend_within = \"1d\"\nexempt_groups = [\"hpc-staff\"]\nidle_below = 10\n",
            LOC);
    assertEquals(
        new org.hosthog.api.Limits(
            java.util.Optional.of(java.time.Duration.ofDays(7)),
            java.util.Optional.of(java.time.Duration.ofDays(14)),
            java.util.OptionalInt.of(4),
            java.util.Optional.of(java.time.Duration.ofDays(1)),
            java.util.Set.of("hpc-staff"),
            java.time.Duration.ofHours(2),
            10),
        c.limits());
    assertEquals(org.hosthog.api.Limits.none(), HosthogConfig.parse("t.toml", "", LOC).limits());
  }

  @Test
  void theGpusAreSampledEveryMinuteUnlessSetFromOneSecondToFiveMinutes() {
    assertEquals(Duration.ofMinutes(1), HosthogConfig.parse("t.toml", "", LOC).sampleEvery());
    assertEquals(
        Duration.ofSeconds(5),
        HosthogConfig.parse("t.toml", "[resources]\nsample_every = \"5s\"\n", LOC).sampleEvery());
  }

  @Test
  void pluginSectionsReportKeysThePluginNeverRead() {
    HosthogConfig c =
        HosthogConfig.parse(
            "t.toml", "[notify.motd]\npath = \"/run/motd.d/hh\"\npaht = \"/x\"\n", LOC);
    TomlSettings motd = c.pluginSettings("notify", "motd");
    motd.string("path");
    ConfigException e =
        assertThrows(ConfigException.class, () -> motd.requireNoUnknownKeys("path"));
    assertEquals("t.toml:3: unknown key 'paht' in [notify.motd]; known keys: path", e.getMessage());
  }

  @Test
  void userLocationsFollowXdg() {
    Locations l =
        Locations.user(
            Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "XDG_STATE_HOME", "/data/state"),
            Path.of("/home/alice"));
    assertEquals(Path.of("/home/alice/.config/hosthog/hosthog.toml"), l.configFile());
    assertEquals(Path.of("/data/state/hosthog"), l.stateDir());
    assertEquals(Path.of("/run/user/1000/hosthog/hosthog.sock"), l.socket());
    Locations bare =
        Locations.user(Map.of("XDG_CONFIG_HOME", "relative/ignored"), Path.of("/home/bob"));
    assertEquals(Path.of("/home/bob/.config/hosthog/hosthog.toml"), bare.configFile());
    assertEquals(Path.of("/home/bob/.local/state/hosthog/hosthog.sock"), bare.socket());
  }
}
