package org.hosthog.sync.fleet;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * HTTP to the state server with this host's token: pushes, answers, login links, the fleet's hosts,
 * and the stream of requests made on the web.
 */
final class ServerLink {
  private final FleetSettings settings;
  private final HttpClient http;

  ServerLink(FleetSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  URI base() {
    return settings.url();
  }

  /** The server refused or failed a request; {@code status} 0 when it could not be reached. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }

    boolean unauthorized() {
      return status == 401;
    }
  }

  /** The largest answer body read from the server; a larger one is refused, not buffered. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  /** The longest line of the request stream (one request is a socket-protocol line, ≤ 64 KiB). */
  static final int MAX_LINE = 1024 * 1024;

  /** POSTs {@code json} to {@code path} (below {@code api/v1/}); the answer's body. */
  String post(String path, String json) throws Failure {
    return send(request(path).header("Content-Type", "application/json").POST(body(json)).build());
  }

  String get(String path) throws Failure {
    return send(request(path).GET().build());
  }

  /**
   * Opens the request stream and hands each event's data to {@code onRequest} until the stream ends
   * (returns normally) or fails.
   */
  void stream(String path, Consumer<String> onRequest) throws Failure {
    HttpRequest r =
        HttpRequest.newBuilder(settings.url().resolve("api/v1/" + path))
            .header("Authorization", "Bearer " + token())
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<java.io.InputStream> response;
    try {
      response = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try (java.io.InputStream in = new java.io.BufferedInputStream(response.body())) {
      if (response.statusCode() != 200) {
        throw refused(response.statusCode(), bounded(in));
      }
      String event = "";
      for (String line; (line = line(in)) != null; ) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:") && event.equals("request")) {
          onRequest.accept(line.substring(5).strip());
        } else if (line.isEmpty()) {
          event = "";
        }
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** One line of the stream without its end; null at its end; a line over the bound fails. */
  private String line(java.io.InputStream in) throws IOException, Failure {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() >= MAX_LINE) {
        throw new Failure(
            0, "the state server at " + settings.url() + " sent a line over 1 MiB; not read");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** At most {@link #MAX_BODY} bytes of {@code in}; more fails instead of filling the heap. */
  private String bounded(java.io.InputStream in) throws IOException, Failure {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new Failure(
          0, "the state server at " + settings.url() + " answered more than 16 MiB; not read");
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(settings.url().resolve("api/v1/" + path))
        .timeout(settings.timeout())
        .header("Authorization", "Bearer " + token());
  }

  private String token() {
    return settings.token("sync.fleet");
  }

  private String send(HttpRequest r) throws Failure {
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(r, HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (java.io.InputStream in = response.body()) {
        body = bounded(in);
      }
      if (response.statusCode() / 100 != 2) {
        throw refused(response.statusCode(), body);
      }
      return body;
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(0, "interrupted");
    }
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
  }

  private Failure unreachable(IOException e) {
    return new Failure(
        0,
        "the state server at "
            + settings.url()
            + " cannot be reached ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + ")");
  }

  /** The server's own message when it sent one ({@code {"error": {"message": ...}}}). */
  private Failure refused(int status, String body) {
    String message;
    try {
      JsonObject o = JsonParser.parseString(body).getAsJsonObject();
      message = o.getAsJsonObject("error").get("message").getAsString();
    } catch (RuntimeException e) {
      message = "HTTP " + status;
    }
    return new Failure(status, "the state server at " + settings.url() + " refused: " + message);
  }
}
