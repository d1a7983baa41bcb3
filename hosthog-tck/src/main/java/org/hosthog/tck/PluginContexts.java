package org.hosthog.tck;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.Settings;

/** A {@link PluginContext} for contract tests: real reservations, an activity the test decides. */
public record PluginContexts(
    String host,
    Settings settings,
    Path stateDir,
    Clock clock,
    ZoneId zone,
    Reservations reservations,
    Supplier<HostActivity> sessions)
    implements PluginContext {

  @Override
  public HostActivity activity() {
    return sessions.get();
  }
}
