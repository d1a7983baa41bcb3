/**
 * The {@code webhook} notifier: posts each event as a Slack-compatible JSON message (Mattermost and
 * Rocket.Chat accept the same) to a configured URL. Installed by dropping its jar into a plugin
 * folder. Exports nothing.
 */
module org.hosthog.notify.webhook {
  requires org.hosthog.api;
  requires java.net.http;

  provides org.hosthog.api.spi.NotifierProvider with
      org.hosthog.notify.webhook.WebhookNotifierProvider;
}
