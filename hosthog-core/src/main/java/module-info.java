/**
 * hosthog's core: the reservation service (validation, conflict rules, authorization, events), the
 * time grammar, the resource inventory, the config file, plugin selection, and the daemon (socket
 * server, per-op request handlers).
 *
 * <p>Embedders need {@code org.hosthog.core} only ({@link org.hosthog.core.Hosthog}); the other
 * packages are exported to the launcher (the {@code hosthog} command and its daemon) and the
 * benchmarks. Uses the store, notifier and calendar sync providers of {@code org.hosthog.api.spi}.
 */
module org.hosthog.core {
  requires transitive org.hosthog.api;
  requires org.hosthog.text;
  requires org.hosthog.wire;
  requires transitive org.hosthog.config; // HosthogConfig hands out plugin sections
  requires com.google.gson; // the export file of 'hosthog store'
  requires jdk.net;

  exports org.hosthog.core;
  exports org.hosthog.core.config to
      org.hosthog.launcher,
      org.hosthog.bench;
  exports org.hosthog.core.host to
      org.hosthog.launcher,
      org.hosthog.bench;
  exports org.hosthog.core.daemon to
      org.hosthog.launcher;
  exports org.hosthog.core.protocol to
      org.hosthog.launcher; // CommandLines: the daemon runs thin clients' command lines
  exports org.hosthog.core.socket to
      org.hosthog.launcher;
  exports org.hosthog.core.transfer to
      org.hosthog.launcher;
  exports org.hosthog.core.time to
      org.hosthog.launcher; // hosthog run --wait DURATION
  exports org.hosthog.core.plugin to
      org.hosthog.launcher,
      org.hosthog.bench;

  uses org.hosthog.api.spi.StoreProvider;
  uses org.hosthog.api.spi.NotifierProvider;
  uses org.hosthog.api.spi.CalendarSyncProvider;
  uses org.hosthog.api.spi.FleetLinkProvider;
}
