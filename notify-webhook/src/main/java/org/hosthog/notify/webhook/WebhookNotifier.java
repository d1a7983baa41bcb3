package org.hosthog.notify.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.Text;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.support.Coalescer;

/**
 * Posts {@code {"text": "..."}} for each event worth telling a team; retries with back-off.
 *
 * <p>Claims, changes and releases go through a {@link Coalescer}, as on terminals: a burst (or a
 * calendar sync) becomes one post listing them, so a channel's rate limit is not hit. Heads-ups are
 * posted at once.
 */
final class WebhookNotifier implements Notifier {
  /** Lines one summary post lists; the rest are counted. */
  static final int SUMMARY_LINES = 20;

  private static final System.Logger LOG = System.getLogger(WebhookNotifier.class.getName());
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final PluginContext context;
  private final URI url;
  private final String shownUrl;
  private final Duration timeout;
  private final int retries;
  private final HttpClient http;
  private final Coalescer<HostEvent.ByActor> changes;

  WebhookNotifier(PluginContext context, URI url, Duration timeout, int retries) {
    this.context = context;
    this.url = url;
    this.shownUrl =
        url.getScheme()
            + "://"
            + url.getHost()
            + (url.getPort() > 0 ? ":" + url.getPort() : "")
            + "/…"; // the path is the secret
    this.timeout = timeout;
    this.retries = retries;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.changes =
        new Coalescer<>(
            "hosthog-webhook", Duration.ofSeconds(2), Duration.ofSeconds(16), this::postBatch);
  }

  @Override
  public void onEvent(HostEvent event) {
    if (event instanceof HostEvent.ByActor change) {
      if (change.via().isPresent()) {
        changes.offerQuietly(change);
      } else {
        changes.offer(change);
      }
    } else {
      text(event).ifPresent(this::post);
    }
  }

  /** One change as its own post; several as one post, a line each. */
  private void postBatch(List<HostEvent.ByActor> batch) {
    List<String> lines = batch.stream().map(this::text).flatMap(Optional::stream).toList();
    if (lines.size() <= 1) {
      lines.forEach(this::post);
      return;
    }
    StringBuilder text =
        new StringBuilder("[" + context.host() + "] " + lines.size() + " changes:");
    lines.stream().limit(SUMMARY_LINES).forEach(l -> text.append('\n').append(l));
    if (lines.size() > SUMMARY_LINES) {
      text.append("\n… and ").append(lines.size() - SUMMARY_LINES).append(" more (hosthog list)");
    }
    post(text.toString());
  }

  private static final java.time.format.DateTimeFormatter SERIES_DAY =
      java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH);

  Optional<String> text(HostEvent event) {
    String host = context.host();
    ZoneId zone = context.zone();
    if (event instanceof HostEvent.Created e) {
      Reservation r = e.reservation();
      return Optional.of(
          "["
              + host
              + "] "
              + r.owner()
              + " claimed "
              + r.resourcesText()
              + " "
              + span(r, zone)
              + ": "
              + r.message()
              + (e.overridden().isEmpty()
                  ? ""
                  : " (despite " + e.overridden().size() + " conflicting reservation(s))")
              + " — #"
              + r.id());
    }
    if (event instanceof HostEvent.Changed e) {
      Reservation r = e.reservation();
      return Optional.of(
          "["
              + host
              + "] "
              + e.actor()
              + " changed #"
              + r.id()
              + ": "
              + r.resourcesText()
              + " "
              + span(r, zone)
              + ": "
              + r.message());
    }
    if (event instanceof HostEvent.Released e) {
      return Optional.of(
          "["
              + host
              + "] "
              + e.actor()
              + " released #"
              + e.reservation().id()
              + " ("
              + e.reservation().resourcesText()
              + ")");
    }
    if (event instanceof HostEvent.SeriesChanged e) {
      Reservation first = e.reservation();
      int n = e.occurrences().size();
      return Optional.of(
          "["
              + host
              + "] "
              + e.actor()
              + " "
              + switch (e.kind()) {
                case CREATED -> "claimed";
                case CHANGED -> "changed";
                case RELEASED -> "released";
              }
              + " "
              + first.resourcesText()
              + " "
              + first.series().orElseThrow().rule(zone, first.start(), first.end())
              + ", "
              + (n == 1 ? "once on " : n + " times from ")
              + SERIES_DAY.format(first.start().atZone(zone))
              + ": "
              + first.message()
              + " — #"
              + first.id());
    }
    if (event instanceof HostEvent.StartingSoon e) {
      Reservation r = e.reservation();
      return Optional.of(
          "["
              + host
              + "] soon: "
              + r.owner()
              + " takes "
              + r.resourcesText()
              + " exclusively "
              + span(r, zone));
    }
    return Optional.empty();
  }

  private static String span(Reservation r, ZoneId zone) {
    return TIME.format(r.start().atZone(zone)) + " – " + TIME.format(r.end().atZone(zone));
  }

  private void post(String text) {
    String clean =
        String.join(
            "\n", text.lines().map(Text::sanitize).toList()); // a summary's lines stay lines
    String body = "{\"text\":" + json(clean) + "}";
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    for (int attempt = 0; attempt <= retries; attempt++) {
      long waitMs = 1000L << Math.min(attempt, 5);
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int code = response.statusCode();
        if (code / 100 == 2) {
          return;
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "webhook " + shownUrl + " answered " + code + " (attempt " + (attempt + 1) + ")");
        if (code != 429 && code / 100 != 5) {
          return; // the server says the message itself is wrong: retrying will not help
        }
        waitMs =
            response
                .headers()
                .firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,3}"))
                .map(v -> Long.parseLong(v) * 1000)
                .orElse(waitMs);
      } catch (IOException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "webhook "
                + shownUrl
                + " failed: "
                + e.getClass().getSimpleName()
                + " (attempt "
                + (attempt + 1)
                + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (attempt < retries) {
        try {
          Thread.sleep(Math.min(waitMs, 60_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "webhook " + shownUrl + ": gave up on one message after " + (retries + 1) + " attempts");
  }

  /** A JSON string literal (the module needs no JSON library for one field). */
  static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Override
  public void close() {
    changes.close(); // what is pending is still posted; the HttpClient has nothing to free on 17
  }
}
