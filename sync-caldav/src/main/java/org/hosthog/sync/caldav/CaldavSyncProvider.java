package org.hosthog.sync.caldav;

import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.CalendarSyncProvider;
import org.hosthog.api.spi.PluginContext;

/** Enabled by a {@code [sync.caldav]} section in the config. */
public final class CaldavSyncProvider implements CalendarSyncProvider {
  @Override
  public String id() {
    return "caldav";
  }

  @Override
  public String description() {
    return "two-way sync with a CalDAV calendar (Nextcloud, Radicale, ...)";
  }

  @Override
  public CalendarSync open(PluginContext context) {
    CaldavSettings settings = CaldavSettings.read(context.settings());
    SyncState state = SyncState.load(context.stateDir().resolve("caldav-state.tsv"));
    DavClient http =
        new DavClient(
            settings.username(), settings.password(), settings.timeout(), context.clock());
    return new CaldavSync(
        settings,
        state,
        new CalDav(http),
        new EventCodec(context.zone()),
        context.reservations(),
        context.host(),
        context.clock(),
        context.zone());
  }
}
