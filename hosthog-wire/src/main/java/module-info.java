/**
 * hosthog's wire format: one record per request and per result, the op table {@link
 * org.hosthog.wire.Ops} (a row per op), the {@link org.hosthog.wire.Codec} that turns them into the
 * JSON lines the daemon's socket carries (and {@code --json} prints), and the client that speaks
 * it; in {@code org.hosthog.wire.link} the messages between a host's daemon and the state server.
 *
 * <p>Shared by the CLI, the daemon, the state server and the fleet link. JSON is gson's business
 * inside this module: no gson type appears in its API.
 */
module org.hosthog.wire {
  requires transitive org.hosthog.api;
  requires com.google.gson;

  exports org.hosthog.wire;
  exports org.hosthog.wire.link;
}
