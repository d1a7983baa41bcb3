package org.hosthog.api.spi;

/**
 * Finds and opens a {@link FleetLink}; registered for {@link java.util.ServiceLoader}. The daemon
 * opens the one with id {@code fleet} when the config has a {@code [sync.fleet]} section, with that
 * section as its settings.
 */
public interface FleetLinkProvider extends Provider {
  FleetLink open(PluginContext context);
}
