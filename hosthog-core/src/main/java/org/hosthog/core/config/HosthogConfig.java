package org.hosthog.core.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hosthog.api.ConfigException;
import org.hosthog.api.Limits;
import org.hosthog.config.TomlSettings;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The daemon's configuration: one TOML file, every key optional.
 *
 * <p>Sections and keys of hosthog itself are checked when the file is read; a plugin's own section
 * ({@code [notify.motd]}, {@code [sync.caldav]}, {@code [store.<id>]}) is checked when the plugin
 * is opened, through {@link #pluginSettings}.
 *
 * @param source the file read, or a description of the defaults
 * @param socket where the daemon listens
 * @param stateDir where the store lives
 * @param adminGroups members of these groups may change anyone's reservations
 * @param headsUp warning time before an exclusive claim starts
 * @param storeBackend the id of the store provider
 * @param gpus the number of GPUs, when set instead of detected
 * @param extraResources admin-named resources
 * @param nvidiaSmi the command used to detect and sample GPUs
 * @param sampleEvery how often the GPUs' load and processes are sampled ({@code [resources]
 *     sample_every})
 * @param notifiers ids of the notifier providers to enable
 * @param notifiersNamed whether the file names them ({@code [notify] enabled}) rather than
 *     defaulting
 * @param calendarSyncs ids of the calendar sync providers to enable (sections present under [sync])
 * @param pluginDirs folders searched for plugin jars
 * @param host the host's name as people know it ({@code [daemon] host}); the machine's host name
 *     when empty
 * @param limits how much one user may claim ({@code [limits]})
 */
public record HosthogConfig(
    String source,
    Path socket,
    Path stateDir,
    List<String> adminGroups,
    Duration headsUp,
    String storeBackend,
    OptionalInt gpus,
    List<String> extraResources,
    String nvidiaSmi,
    Duration sampleEvery,
    List<String> notifiers,
    boolean notifiersNamed,
    List<String> calendarSyncs,
    List<Path> pluginDirs,
    Map<String, TomlSettings> pluginSections,
    Optional<String> host,
    Limits limits) {

  /**
   * The section that links the host to a state server, {@code [sync.fleet]}: it sits beside the
   * calendars in the file, but opens a {@link org.hosthog.api.spi.FleetLinkProvider}.
   */
  public static final String FLEET_LINK = "fleet";

  public static final List<String> DEFAULT_ADMIN_GROUPS =
      org.hosthog.api.Actor.DEFAULT_ADMIN_GROUPS;
  public static final Duration DEFAULT_HEADS_UP = Duration.ofMinutes(5);
  public static final List<String> DEFAULT_NOTIFIERS = List.of("motd", "wall");
  public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofMinutes(1);

  private static final Map<String, String> KNOWN_KEYS =
      Map.of(
          "daemon", "host, socket, state_dir, admin_groups, heads_up",
          "store", "backend, and a [store.<backend>] table",
          "resources", "gpus, extra, nvidia_smi, sample_every",
          "notify", "enabled, and [notify.<id>] tables",
          "sync", "[sync.<id>] tables, e.g. [sync.caldav]",
          "plugins", "dir",
          "limits", LimitsSection.KEYS);

  public HosthogConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(stateDir, "stateDir");
    adminGroups = List.copyOf(adminGroups);
    Objects.requireNonNull(headsUp, "headsUp");
    Objects.requireNonNull(storeBackend, "storeBackend");
    Objects.requireNonNull(gpus, "gpus");
    extraResources = List.copyOf(extraResources);
    Objects.requireNonNull(nvidiaSmi, "nvidiaSmi");
    Objects.requireNonNull(sampleEvery, "sampleEvery");
    notifiers = List.copyOf(notifiers);
    calendarSyncs = List.copyOf(calendarSyncs);
    pluginDirs = List.copyOf(pluginDirs);
    pluginSections = Map.copyOf(pluginSections);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
  }

  /** Every default, for the given locations. */
  public static HosthogConfig defaults(Locations locations) {
    return fromToml("(defaults)", Optional.empty(), locations);
  }

  /**
   * Reads {@code file}; a missing file gives the defaults when {@code optional}.
   *
   * @throws ConfigException naming the file, line, key and what is expected
   */
  public static HosthogConfig load(Path file, Locations locations, boolean optional) {
    TomlParseResult toml;
    try {
      toml = Toml.parse(file);
    } catch (NoSuchFileException e) {
      if (optional) {
        return defaults(locations);
      }
      throw new ConfigException(file + ": no such config file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the config file: " + e.getMessage(), e);
    }
    return parse(file.toString(), toml, locations);
  }

  /** Reads TOML text (for tests and tools); {@code source} names it in messages. */
  public static HosthogConfig parse(String source, String tomlText, Locations locations) {
    return parse(source, Toml.parse(tomlText), locations);
  }

  private static HosthogConfig parse(String source, TomlParseResult toml, Locations locations) {
    if (toml.hasErrors()) {
      TomlParseError first = toml.errors().get(0);
      throw new ConfigException(
          source
              + ":"
              + first.position().line()
              + ": not valid TOML: "
              + first.getMessage()
              + " (see https://toml.io for the syntax)");
    }
    return fromToml(source, Optional.of(toml), locations);
  }

  private static HosthogConfig fromToml(String source, Optional<TomlTable> root, Locations loc) {
    root.ifPresent(r -> checkSections(source, r));
    TomlSettings daemon = section(source, root, "daemon");
    TomlSettings store = section(source, root, "store");
    TomlSettings resources = section(source, root, "resources");
    TomlSettings notify = section(source, root, "notify");
    TomlSettings sync = section(source, root, "sync");
    TomlSettings plugins = section(source, root, "plugins");
    TomlSettings limits = section(source, root, "limits");

    Map<String, TomlSettings> pluginSections = new LinkedHashMap<>();
    subTables(store, "store", pluginSections);
    subTables(notify, "notify", pluginSections);
    List<String> syncs = subTables(sync, "sync", pluginSections);

    boolean notifiersNamed = notify.isPresent() && notify.rawTable().get().contains("enabled");
    HosthogConfig config =
        new HosthogConfig(
            source,
            daemon
                .string("socket")
                .map(s -> ConfigValues.absolutePath(daemon, "socket", s))
                .orElse(loc.socket()),
            daemon
                .string("state_dir")
                .map(s -> ConfigValues.absolutePath(daemon, "state_dir", s))
                .orElse(loc.stateDir()),
            ConfigValues.orDefault(
                daemon.strings("admin_groups"), daemon, "admin_groups", DEFAULT_ADMIN_GROUPS),
            ConfigValues.positive(
                daemon, "heads_up", daemon.duration("heads_up").orElse(DEFAULT_HEADS_UP)),
            store.string("backend").map(s -> ConfigValues.id(store, "backend", s)).orElse("sqlite"),
            ConfigValues.gpuCount(resources),
            ConfigValues.resourceNames(resources),
            resources.string("nvidia_smi").orElse("nvidia-smi"),
            ConfigValues.sampleEvery(resources, DEFAULT_SAMPLE_EVERY),
            notifiersNamed
                ? notify.strings("enabled").stream()
                    .map(s -> ConfigValues.id(notify, "enabled", s))
                    .toList()
                : DEFAULT_NOTIFIERS,
            notifiersNamed,
            syncs,
            plugins.isPresent() && plugins.rawTable().get().contains("dir")
                ? plugins.strings("dir").stream()
                    .map(s -> ConfigValues.absolutePath(plugins, "dir", s))
                    .toList()
                : loc.pluginDirs(),
            pluginSections,
            daemon.string("host").map(h -> ConfigValues.hostName(daemon, h)),
            LimitsSection.read(limits));
    daemon.requireNoUnknownKeys(KNOWN_KEYS.get("daemon"));
    store.requireNoUnknownKeys(KNOWN_KEYS.get("store"));
    resources.requireNoUnknownKeys(KNOWN_KEYS.get("resources"));
    notify.requireNoUnknownKeys(KNOWN_KEYS.get("notify"));
    sync.requireNoUnknownKeys(KNOWN_KEYS.get("sync"));
    plugins.requireNoUnknownKeys(KNOWN_KEYS.get("plugins"));
    return config;
  }

  /** The same config with another socket (the daemon's {@code --socket}). */
  public HosthogConfig withSocket(Path newSocket) {
    return new HosthogConfig(
        source,
        newSocket,
        stateDir,
        adminGroups,
        headsUp,
        storeBackend,
        gpus,
        extraResources,
        nvidiaSmi,
        sampleEvery,
        notifiers,
        notifiersNamed,
        calendarSyncs,
        pluginDirs,
        pluginSections,
        host,
        limits);
  }

  /**
   * The settings of a plugin, e.g. {@code pluginSettings("notify", "motd")} for {@code
   * [notify.motd]}; empty settings when the section is absent.
   */
  public TomlSettings pluginSettings(String kind, String id) {
    String name = kind + "." + id;
    return pluginSections.getOrDefault(name, TomlSettings.empty(source, name));
  }

  private static void checkSections(String source, TomlTable root) {
    for (String key : root.keySet()) {
      if (!KNOWN_KEYS.containsKey(key) || !root.isTable(List.of(key))) {
        throw new ConfigException(
            source
                + ":"
                + root.inputPositionOf(List.of(key)).line()
                + ": unknown section or key '"
                + key
                + "'; known sections: [daemon], [store], [resources], [notify], [sync], [plugins],"
                + " [limits]");
      }
    }
  }

  private static TomlSettings section(String source, Optional<TomlTable> root, String name) {
    return new TomlSettings(source, name, root.map(r -> r.getTable(List.of(name))));
  }

  /** Registers each sub-table of {@code parent} as a plugin section; returns their names. */
  private static List<String> subTables(
      TomlSettings parent, String kind, Map<String, TomlSettings> into) {
    List<String> ids = new ArrayList<>();
    if (parent.rawTable().isEmpty()) {
      return ids;
    }
    TomlTable table = parent.rawTable().get();
    for (String key : table.keySet()) {
      if (table.isTable(List.of(key))) {
        parent.markRead(key);
        into.put(
            kind + "." + key,
            new TomlSettings(
                parent.source(), kind + "." + key, Optional.of(table.getTable(List.of(key)))));
        ids.add(key);
      }
    }
    return ids;
  }

  /** The calendar syncs to open: the sections under {@code [sync]} but the fleet link's. */
  public List<String> calendars() {
    return calendarSyncs.stream().filter(id -> !id.equals(FLEET_LINK)).toList();
  }

  /** Whether {@code [sync.fleet]} links this host to a state server. */
  public boolean fleetLinked() {
    return calendarSyncs.contains(FLEET_LINK);
  }
}
