package org.hosthog.core.host;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.hosthog.api.Actor;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.core.Hosthog;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.inventory.InventoryDetector;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.core.service.Authorizer;
import org.hosthog.core.service.UnixGroups;

/**
 * Config → plugins → store → service: how every hosthog process that opens a host's store sets it
 * up (the daemon, {@code hosthog store}, the benchmarks), so they all agree on which store, which
 * plugins and which rules.
 *
 * <p>Loads the plugin folders once; {@link #plugins()} hands them on to whatever else needs them.
 */
public final class HostSetup {
  private final HosthogConfig config;
  private final Plugins plugins;

  private HostSetup(HosthogConfig config, Plugins plugins) {
    this.config = config;
    this.plugins = plugins;
  }

  /** Loads the plugin folders {@code config} names (or the default ones). */
  public static HostSetup load(HosthogConfig config) {
    return new HostSetup(
        Objects.requireNonNull(config, "config"), Plugins.withFolders(config.pluginDirs()));
  }

  /** Built-in providers and those of the plugin folders. */
  public Plugins plugins() {
    return plugins;
  }

  /** The host's name: {@code [daemon] host}, else the machine's. */
  public String host() {
    return config.host().orElseGet(Hosthog::machineHostName);
  }

  /** Who may change anyone's reservations: root and the configured admin groups. */
  public Authorizer authorizer() {
    return new Authorizer(Set.copyOf(config.adminGroups()));
  }

  /** Whether the local Unix {@code user} is root or in an admin group (asks the name service). */
  public boolean isAdmin(String user) {
    return authorizer().isAdmin(new Actor(user, UnixGroups.of(user)));
  }

  /**
   * Opens the configured store ({@code [store] backend}) in the state folder; the caller closes it.
   */
  public ReservationStore openStore() {
    return plugins.openStore(
        config.storeBackend(),
        host(),
        config.stateDir(),
        config.pluginSettings("store", config.storeBackend()));
  }

  /** The host's service on the configured store, resources, admin groups and heads-up. */
  public Hosthog open(Clock clock, ZoneId zone) {
    return Hosthog.builder()
        .host(host())
        .clock(clock)
        .zone(zone)
        .adminGroups(Set.copyOf(config.adminGroups()))
        .headsUp(config.headsUp())
        .limits(config.limits())
        .inventory(InventoryDetector.detect(config))
        .store(openStore())
        .build();
  }
}
