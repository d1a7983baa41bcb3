/**
 * Text hosthog shows people that more than one module renders: terminal column widths and the
 * message of the day (written by the motd notifier, printed by the daemon for {@code hosthog
 * motd}).
 *
 * <p>Pure functions of api values; depends on the api only, so a plugin may use it without the
 * core.
 */
module org.hosthog.text {
  requires transitive org.hosthog.api;

  exports org.hosthog.text;
}
