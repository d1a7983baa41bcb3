package org.hosthog.sync.fleet;

import org.hosthog.api.spi.FleetLink;
import org.hosthog.api.spi.FleetLinkProvider;
import org.hosthog.api.spi.PluginContext;

/** Enabled by a {@code [sync.fleet]} section in the config. */
public final class FleetSyncProvider implements FleetLinkProvider {
  @Override
  public String id() {
    return "fleet";
  }

  @Override
  public String description() {
    return "link to the fleet's hosthog state server (web calendar, usage statistics)";
  }

  @Override
  public FleetLink open(PluginContext context) {
    FleetSettings settings = FleetSettings.read(context.settings());
    return FleetSync.start(
        settings,
        Pushed.load(context.stateDir().resolve("fleet-pushed.tsv")),
        new ServerLink(settings),
        context);
  }
}
