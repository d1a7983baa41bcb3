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
import java.util.stream.Stream;

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
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(r, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (response.statusCode() != 200) {
      String body = String.join("\n", response.body().limit(20).toList());
      throw refused(response.statusCode(), body);
    }
    try (Stream<String> lines = response.body()) {
      String event = "";
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:") && event.equals("request")) {
          onRequest.accept(line.substring(5).strip());
        } else if (line.isEmpty()) {
          event = "";
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw unreachable(e.getCause());
    }
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
      HttpResponse<String> response =
          http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw refused(response.statusCode(), response.body());
      }
      return response.body();
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
