package org.hosthog.notify.webhook;

import java.net.URI;
import java.time.Duration;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.NotifierProvider;
import org.hosthog.api.spi.PluginContext;

/**
 * {@code webhook}: {@code [notify.webhook] url} (required; the secret part of it never reaches a
 * log), {@code timeout} (default {@code "10s"}), {@code retries} (default 3).
 */
public final class WebhookNotifierProvider implements NotifierProvider {

  @Override
  public String id() {
    return "webhook";
  }

  @Override
  public String description() {
    return "Slack-compatible chat webhook (Slack, Mattermost, Rocket.Chat)";
  }

  @Override
  public Notifier open(PluginContext context) {
    String url =
        context
            .settings()
            .string("url")
            .orElseThrow(
                () ->
                    context
                        .settings()
                        .invalid(
                            "url",
                            "the webhook URL, e.g. \"https://hooks.slack.com/services/...\""));
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw context.settings().invalid("url", "a valid http or https URL");
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw context.settings().invalid("url", "an http or https URL with a host");
    }
    Duration timeout = context.settings().duration("timeout").orElse(Duration.ofSeconds(10));
    long retries = context.settings().integer("retries").orElse(3L);
    if (retries < 0 || retries > 10) {
      throw context.settings().invalid("retries", "a number from 0 to 10");
    }
    return new WebhookNotifier(context, uri, timeout, (int) retries);
  }
}
