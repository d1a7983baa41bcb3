/**
 * The {@code wall} notifier: tells logged-in users about claims, changes, releases and heads-ups by
 * writing to their terminals, as {@code wall} and {@code shutdown} do; reminds owners before their
 * reservations end.
 *
 * <p>Exports nothing.
 */
module org.hosthog.notify.wall {
  requires org.hosthog.api;

  provides org.hosthog.api.spi.NotifierProvider with
      org.hosthog.notify.wall.WallNotifierProvider;
}
