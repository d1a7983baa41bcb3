/**
 * hosthog's wire format: one record per request and per result, one {@link org.hosthog.wire.Codec}
 * that turns them into the JSON lines the daemon's socket carries (and {@code --json} prints), and
 * the client that speaks it.
 *
 * <p>Shared by the CLI, the daemon and, next, the state server and the fleet link. JSON is gson's
 * business inside this module: no gson type appears in its API.
 */
module org.hosthog.wire {
  requires transitive org.hosthog.api;
  requires com.google.gson;

  exports org.hosthog.wire;
  exports org.hosthog.wire.link;
}
