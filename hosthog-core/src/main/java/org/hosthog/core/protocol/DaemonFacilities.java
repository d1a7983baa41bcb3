package org.hosthog.core.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hosthog.api.Actor;
import org.hosthog.api.HostActivity;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.core.service.Leases;
import org.hosthog.wire.PluginsReport;

/**
 * What the request handler asks the running daemon for, beyond reservations.
 *
 * @param plugins the providers found and the plugins that did not load ({@code hosthog plugins})
 * @param isAdmin whether an actor may change anyone's reservations
 * @param activity who is on the host now
 * @param syncs the enabled calendar syncs
 * @param fleet the link to the fleet's state server, if {@code [sync.fleet]} enables one
 * @param leases the claims {@code hosthog run} keeps alive; without them a lease is refused
 */
public record DaemonFacilities(
    Supplier<PluginsReport> plugins,
    Predicate<Actor> isAdmin,
    Supplier<HostActivity> activity,
    Supplier<List<CalendarSync>> syncs,
    Supplier<Optional<FleetLink>> fleet,
    Optional<Leases> leases) {
  public DaemonFacilities {
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(isAdmin, "isAdmin");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(syncs, "syncs");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(leases, "leases");
  }

  /** Facilities without leases. */
  public DaemonFacilities(
      Supplier<PluginsReport> plugins,
      Predicate<Actor> isAdmin,
      Supplier<HostActivity> activity,
      Supplier<List<CalendarSync>> syncs,
      Supplier<Optional<FleetLink>> fleet) {
    this(plugins, isAdmin, activity, syncs, fleet, Optional.empty());
  }
}
