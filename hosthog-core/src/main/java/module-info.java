/**
 * hosthog's core: the reservation service (validation, conflict rules, authorization, events),
 * the time grammar, the resource inventory, the config file, plugin selection, and the daemon's
 * socket protocol, server and client.
 *
 * <p>Uses the store, notifier and calendar sync providers of {@code org.hosthog.api.spi}.
 */
module org.hosthog.core {
  requires transitive org.hosthog.api;
  requires org.tomlj;
  requires transitive com.google.gson; // the protocol classes speak JsonObject
  requires jdk.net;

  exports org.hosthog.core;
  exports org.hosthog.core.config;
  exports org.hosthog.core.time;
  exports org.hosthog.core.inventory;
  exports org.hosthog.core.activity;
  exports org.hosthog.core.motd;
  exports org.hosthog.core.protocol;
  exports org.hosthog.core.daemon;
  exports org.hosthog.core.plugin;
  exports org.hosthog.core.service;
  exports org.hosthog.core.transfer;

  uses org.hosthog.api.spi.StoreProvider;
  uses org.hosthog.api.spi.NotifierProvider;
  uses org.hosthog.api.spi.CalendarSyncProvider;
}
