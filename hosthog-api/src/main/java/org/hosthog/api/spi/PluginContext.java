package org.hosthog.api.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Reservations;

/** What a notifier or calendar sync is opened with. */
public interface PluginContext {

  /** The host's name. */
  String host();

  /** The plugin's own config section, e.g. {@code [notify.motd]}. */
  Settings settings();

  /** A folder the plugin may keep files in (below the daemon's state folder). */
  Path stateDir();

  Clock clock();

  /** The host's time zone, for showing times to people. */
  ZoneId zone();

  /** The host's reservations, to read and (for calendar sync) to change. */
  Reservations reservations();

  /** Who is on the host right now (sessions, GPU and busy processes); looked up on each call. */
  HostActivity activity();

  /**
   * Serves one request line of the daemon's socket protocol as {@code user} would be served on this
   * host's socket (the user's groups looked up here, so validation, conflicts and notifiers all
   * apply), acting through {@code via} (e.g. {@code web}); {@code vouch} says whether this host's
   * admin groups count for them. Returns the answer line. For plugins that carry requests from
   * elsewhere, such as the fleet link.
   *
   * @throws UnsupportedOperationException where no daemon serves requests (an embedding program)
   */
  default String serveAs(String user, String via, Vouch vouch, String requestLine) {
    throw new UnsupportedOperationException("only a hosthog daemon serves requests");
  }

  /** Members of these groups may change anyone's reservations ({@code [daemon] admin_groups}). */
  default Set<String> adminGroups() {
    return Set.copyOf(org.hosthog.api.Actor.DEFAULT_ADMIN_GROUPS);
  }
}
