package org.hosthog.core.plugin;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEventListener;
import org.hosthog.api.PluginException;
import org.hosthog.api.Reservations;
import org.hosthog.api.Subscription;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.CalendarSyncProvider;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.api.spi.FleetLinkProvider;
import org.hosthog.api.spi.NotifierProvider;
import org.hosthog.api.spi.StoreProvider;
import org.hosthog.config.TomlSettings;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.wire.PluginsReport;

/**
 * The notifiers and calendar syncs the config enables, opened and subscribed to events.
 *
 * <p>A plugin the config names explicitly must load, or the daemon refuses to start. The default
 * notifiers ({@code motd}, {@code wall}) are skipped with a warning when not installed.
 */
public final class EnabledPlugins implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EnabledPlugins.class.getName());

  private final Plugins plugins;
  private final HosthogConfig config;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final List<String> enabled = new ArrayList<>();
  private final List<CalendarSync> syncs = new ArrayList<>();
  private Optional<FleetLink> fleet = Optional.empty();

  private final Context.Requests requests;

  private EnabledPlugins(Plugins plugins, HosthogConfig config, Context.Requests requests) {
    this.plugins = plugins;
    this.config = config;
    this.requests = requests;
  }

  public static EnabledPlugins open(
      Plugins plugins,
      HosthogConfig config,
      String host,
      Clock clock,
      ZoneId zone,
      Reservations reservations,
      Supplier<HostActivity> activity,
      Context.Requests requests) {
    EnabledPlugins e = new EnabledPlugins(plugins, config, requests);
    try {
      boolean explicit = config.notifiersNamed();
      for (String id : config.notifiers()) {
        if (!plugins.all(NotifierProvider.class).containsKey(id) && !explicit) {
          LOG.log(
              System.Logger.Level.WARNING,
              "default notifier '" + id + "' is not installed; skipping it");
          continue;
        }
        e.start(
            "notify",
            id,
            ctx -> plugins.select(NotifierProvider.class, id).open(ctx),
            host,
            clock,
            zone,
            reservations,
            activity);
      }
      for (String id : config.calendars()) {
        e.syncs.add(
            e.start(
                "sync",
                id,
                ctx -> plugins.select(CalendarSyncProvider.class, id).open(ctx),
                host,
                clock,
                zone,
                reservations,
                activity));
      }
      if (config.fleetLinked()) {
        String id = HosthogConfig.FLEET_LINK;
        e.fleet =
            Optional.of(
                e.start(
                    "sync",
                    id,
                    ctx -> plugins.select(FleetLinkProvider.class, id).open(ctx),
                    host,
                    clock,
                    zone,
                    reservations,
                    activity));
      }
      return e;
    } catch (RuntimeException ex) {
      e.close();
      throw ex instanceof PluginException || ex instanceof org.hosthog.api.ConfigException
          ? ex
          : new PluginException("a plugin failed to start: " + ex.getMessage(), ex);
    }
  }

  /**
   * Opens one plugin in its own context, checks its config section, and subscribes it to events.
   */
  @SuppressWarnings("try") // Notifier and CalendarSync both narrow close() to throw nothing
  private <L extends HostEventListener & AutoCloseable> L start(
      String kind,
      String id,
      Function<Context, L> open,
      String host,
      Clock clock,
      ZoneId zone,
      Reservations reservations,
      Supplier<HostActivity> activity) {
    TomlSettings settings = config.pluginSettings(kind, id);
    L plugin =
        open.apply(
            new Context(
                host,
                settings,
                config.stateDir().resolve(id),
                clock,
                zone,
                reservations,
                activity,
                Set.copyOf(config.adminGroups()),
                requests));
    opened.add(plugin);
    settings.requireNoUnknownKeys("see the " + id + " plugin's documentation");
    subscriptions.add(reservations.subscribe(plugin));
    enabled.add(kind + ":" + id);
    return plugin;
  }

  public List<String> enabled() {
    return List.copyOf(enabled);
  }

  public List<CalendarSync> syncs() {
    return List.copyOf(syncs);
  }

  /** The link to the fleet's state server, if {@code [sync.fleet]} enables one. */
  public Optional<FleetLink> fleet() {
    return fleet;
  }

  /** Every provider found, marked enabled or not, and the plugins that did not load. */
  public PluginsReport describe() {
    List<PluginsReport.Provider> providers = new ArrayList<>();
    Set<String> on = Set.copyOf(enabled);
    for (Class<? extends org.hosthog.api.spi.Provider> type :
        List.of(
            StoreProvider.class,
            NotifierProvider.class,
            CalendarSyncProvider.class,
            FleetLinkProvider.class)) {
      for (Plugins.Found f : plugins.describe(type)) {
        boolean isOn =
            type == StoreProvider.class
                ? f.id().equals(config.storeBackend())
                : on.contains((type == NotifierProvider.class ? "notify:" : "sync:") + f.id());
        providers.add(
            new PluginsReport.Provider(
                f.kind(), f.id(), f.description(), f.version(), f.source(), isOn));
      }
    }
    List<PluginsReport.Problem> problems =
        plugins.problems().stream()
            .map(p -> new PluginsReport.Problem(p.source(), p.reason()))
            .toList();
    return new PluginsReport(providers, problems);
  }

  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception ex) {
        LOG.log(System.Logger.Level.WARNING, "closing a plugin failed", ex);
      }
    }
    opened.clear();
  }
}
