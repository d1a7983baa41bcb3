/**
 * The {@code motd} notifier: keeps the host's schedule in the message of the day
 * ({@code /run/motd.d/hosthog}, which Debian/Ubuntu pam_motd shows at login).
 *
 * <p>Uses the core's renderer so {@code hosthog motd} shows the same text. Exports nothing.
 */
module org.hosthog.notify.motd {
  requires org.hosthog.api;
  requires org.hosthog.core;

  provides org.hosthog.api.spi.NotifierProvider with
      org.hosthog.notify.motd.MotdNotifierProvider;
}
