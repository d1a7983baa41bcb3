/**
 * hosthog's core: the reservation service (validation, conflict rules, authorization, events),
 * the time grammar, the resource inventory, the config file and plugin selection.
 *
 * <p>Uses the store, notifier and calendar sync providers of {@code org.hosthog.api.spi}.
 */
module org.hosthog.core {
  requires transitive org.hosthog.api;
  requires org.tomlj;

  exports org.hosthog.core;
  exports org.hosthog.core.config;
  exports org.hosthog.core.time;
  exports org.hosthog.core.inventory;

  uses org.hosthog.api.spi.StoreProvider;
  uses org.hosthog.api.spi.NotifierProvider;
  uses org.hosthog.api.spi.CalendarSyncProvider;
}
