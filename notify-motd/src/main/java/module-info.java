/**
 * The {@code motd} notifier: keeps the host's schedule in the message of the day ({@code
 * /run/motd.d/hosthog}, which Debian/Ubuntu pam_motd shows at login).
 *
 * <p>Renders with {@code org.hosthog.text}, as the daemon does for {@code hosthog motd}, so both
 * show the same text. Exports nothing.
 */
module org.hosthog.notify.motd {
  requires org.hosthog.api;
  requires org.hosthog.text;

  provides org.hosthog.api.spi.NotifierProvider with
      org.hosthog.notify.motd.MotdNotifierProvider;
}
