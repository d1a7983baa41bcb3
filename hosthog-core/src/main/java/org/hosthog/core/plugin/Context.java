package org.hosthog.core.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Supplier;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.Settings;

/** The {@link PluginContext} the daemon hands to notifiers and calendar sync. */
public record Context(
    String host,
    Settings settings,
    Path stateDir,
    Clock clock,
    ZoneId zone,
    Reservations reservations,
    Supplier<HostActivity> probe,
    Set<String> adminGroups)
    implements PluginContext {

  public Context {
    adminGroups = Set.copyOf(adminGroups);
  }

  @Override
  public HostActivity activity() {
    return probe.get();
  }
}
