/**
 * A host daemon's link to the fleet's state server ({@code [sync.fleet]}): pushes every local
 * change by UUID and version with a heartbeat, keeps a stream open for requests made on the web and
 * serves them as the user who made them, and asks the server for login links and the fleet's free
 * resources. HTTP through {@code java.net.http}.
 */
module org.hosthog.sync.fleet {
  requires org.hosthog.api;
  requires org.hosthog.wire;
  requires com.google.gson;
  requires java.net.http;

  provides org.hosthog.api.spi.FleetLinkProvider with
      org.hosthog.sync.fleet.FleetSyncProvider;
}
