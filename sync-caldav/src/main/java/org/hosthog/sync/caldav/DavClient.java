package org.hosthog.sync.caldav;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Plain HTTP for WebDAV: any method, any headers, and the answer's status, headers and body.
 *
 * <p>Written on {@code java.net.http} rather than sardine because sync needs what sardine hides:
 * the {@code ETag} of a PUT, {@code Retry-After}, and the body of a 403 to tell an expired sync
 * token from a permission problem.
 */
final class DavClient {
  /** Answers larger than this are refused: a host's calendar is small, a runaway server is not. */
  static final int MAX_BODY = 64 * 1024 * 1024;

  private final HttpClient http;
  private final String authorization;
  private final Duration timeout;
  private final Clock clock;

  /** One HTTP answer. */
  record Answer(int status, String body, java.net.http.HttpHeaders headers) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    boolean ok() {
      return status / 100 == 2;
    }
  }

  DavClient(String username, String password, Duration timeout, Clock clock) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * Sends one request and returns the answer whatever its status, except for answers that mean "try
   * later" (no connection, timeout, 429, 5xx), which throw a retryable {@link DavException}.
   */
  Answer send(
      String method,
      URI uri,
      Optional<String> body,
      String contentType,
      Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("User-Agent", "hosthog-caldav")
            .method(
                method,
                body.map(s -> HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8))
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    body.ifPresent(s -> b.header("Content-Type", contentType));
    headers.forEach(b::header);
    HttpResponse<byte[]> r;
    try {
      r = sendOnce(b.build());
    } catch (HttpTimeoutException e) {
      throw new DavException(
          0,
          Optional.empty(),
          method + " " + uri.getPath() + " timed out after " + timeout.toSeconds() + " s",
          e);
    } catch (ConnectException e) {
      throw new DavException(
          0,
          Optional.empty(),
          "cannot connect to " + uri.getScheme() + "://" + uri.getAuthority() + " (" + e + ")",
          e);
    } catch (IOException e) {
      throw new DavException(
          0, Optional.empty(), method + " " + uri.getPath() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DavException(0, Optional.empty(), "interrupted", e);
    }
    byte[] bytes = r.body() == null ? new byte[0] : r.body();
    if (bytes.length > MAX_BODY) {
      throw new DavException(
          0,
          method
              + " "
              + uri.getPath()
              + " answered "
              + bytes.length
              + " bytes, more than hosthog reads");
    }
    Answer a = new Answer(r.statusCode(), new String(bytes, StandardCharsets.UTF_8), r.headers());
    if (a.status() == 429 || a.status() >= 500 && a.status() != 507) {
      throw new DavException(
          a.status(),
          retryAfter(a.header("Retry-After")),
          method + " " + uri.getPath() + " answered " + a.status() + brief(a.body()),
          null);
    }
    return a;
  }

  /**
   * Sends; a kept-alive connection the server had already closed (Radicale does, so do proxies)
   * fails before any answer, and is tried once more on a fresh connection, as browsers do.
   */
  private HttpResponse<byte[]> sendOnce(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException | ConnectException e) {
      throw e;
    } catch (IOException e) {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  /** {@code Retry-After} in seconds or as an HTTP date (RFC 9110 10.2.3). */
  Optional<Duration> retryAfter(Optional<String> value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String v = value.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** The start of a body for an error message, on one line. */
  static String brief(String body) {
    String b = body.replaceAll("\\s+", " ").strip();
    if (b.isEmpty()) {
      return "";
    }
    return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
  }
}
