package org.hosthog.sync.caldav;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of the real Radicale that can misbehave the way overloaded or
 * broken servers do: 503/429 with Retry-After, garbage instead of XML, answers slower than the
 * client waits. In {@link Mode#PASS} it forwards every request unchanged.
 */
final class FaultyProxy implements AutoCloseable {
  enum Mode {
    PASS,
    UNAVAILABLE,
    TOO_MANY,
    GARBAGE,
    SLOW,
    CORRUPT_EVENTS,
    /** Forward, but hide sync tokens: a server without RFC 6578, synced by ctag and ETags. */
    NO_SYNC_TOKEN,
    /**
     * Forward, but cut every sync-collection answer after its first change, mark it truncated with
     * a 507 on the collection and hand back the request's own token, so the client must ask again
     * (NOTES-caldav: "507 means truncated, more follows"); then pass.
     */
    TRUNCATE_SYNC
  }

  private static final Set<String> HOP =
      Set.of(
          "connection",
          "content-length",
          "host",
          "transfer-encoding",
          "keep-alive",
          "upgrade",
          "expect");

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI target;
  private volatile Mode mode = Mode.PASS;
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong bytesIn =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong bytesOut =
      new java.util.concurrent.atomic.AtomicLong();

  FaultyProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  void mode(Mode m) {
    mode = m;
  }

  /** Requests that reached the proxy so far. */
  int requests() {
    return requests.get();
  }

  /** Bytes of request bodies the client sent so far. */
  long bytesFromClient() {
    return bytesIn.get();
  }

  /** Bytes of answer bodies the client received so far. */
  long bytesToClient() {
    return bytesOut.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      bytesIn.addAndGet(body.length);
      switch (mode) {
        case UNAVAILABLE -> answer(ex, 503, "Retry-After", "120", "<html>maintenance</html>");
        case TOO_MANY -> answer(ex, 429, "Retry-After", "30", "slow down");
        case GARBAGE ->
            answer(ex, 207, "Content-Type", "application/xml", "\u0000\u001b[2J<<not xml at all");
        case SLOW -> {
          sleep(Duration.ofSeconds(3));
          answer(ex, 503, "X-Slow", "1", "too late");
        }
        case PASS, CORRUPT_EVENTS, NO_SYNC_TOKEN, TRUNCATE_SYNC -> forward(ex, body);
      }
    }
  }

  private void forward(HttpExchange ex, byte[] body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getRawPath()))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders()
        .forEach(
            (k, vs) -> {
              if (!HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                vs.forEach(v -> b.header(k, v));
              }
            });
    HttpResponse<byte[]> r;
    try {
      r = send(b.build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    r.headers()
        .map()
        .forEach(
            (k, vs) -> {
              if (!HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
                ex.getResponseHeaders().put(k, List.copyOf(vs));
              }
            });
    byte[] answer =
        switch (mode) {
          case CORRUPT_EVENTS -> corrupt(r.body());
          case TRUNCATE_SYNC ->
              truncate(
                  ex.getRequestURI().getRawPath(),
                  new String(body, StandardCharsets.UTF_8),
                  r.body());
          case NO_SYNC_TOKEN ->
              new String(r.body(), StandardCharsets.UTF_8)
                  .replaceAll(
                      "<([A-Za-z]+:)?sync-token\\s*/>|<([A-Za-z]+:)?sync-token>[^<]*</([A-Za-z]+:)?sync-token>",
                      "")
                  .getBytes(StandardCharsets.UTF_8);
          default -> r.body();
        };
    bytesOut.addAndGet(answer.length);
    ex.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  /** Pages handed out so far in {@link Mode#TRUNCATE_SYNC}. */
  private final AtomicInteger truncated = new AtomicInteger();

  int truncatedPages() {
    return truncated.get();
  }

  private byte[] truncate(String collection, String request, byte[] answer) {
    String s = new String(answer, StandardCharsets.UTF_8);
    if (!request.contains("sync-collection")) {
      return answer;
    }
    java.util.regex.Matcher responses =
        java.util.regex.Pattern.compile(
                "(?s)<(?:[A-Za-z]+:)?response>.*?</(?:[A-Za-z]+:)?response>")
            .matcher(s);
    java.util.List<String> all = new java.util.ArrayList<>();
    while (responses.find()) {
      all.add(responses.group());
    }
    if (all.size() <= 1 || truncated.incrementAndGet() % 3 == 0) {
      return answer; // every third page: everything that is left, with the real new token
    }
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("<(?:[A-Za-z]+:)?sync-token>([^<]*)<").matcher(request);
    String since = token.find() ? token.group(1) : "";
    String head =
        s.substring(0, s.indexOf(all.get(0)))
            .replaceAll("<([A-Za-z]+:)?sync-token>[^<]*</([A-Za-z]+:)?sync-token>", "");
    return (head
            + all.get(0)
            + "<response><href>"
            + collection
            + "</href><status>HTTP/1.1 507 Insufficient Storage</status></response>"
            + "<sync-token>"
            + since
            + "</sync-token></multistatus>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Replaces the calendar data of events titled with CORRUPT by bytes no iCalendar parser accepts.
   */
  private static byte[] corrupt(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    String out =
        java.util.regex.Pattern.compile("(<[A-Za-z:]*calendar-data[^>]*>)([^<]*CORRUPT[^<]*)(</)")
            .matcher(s)
            .replaceAll(
                "$1BEGIN:VCALENDAR&#13;\nBEGIN:VEVENT&#13;\nDTSTART:yesterday-ish&#13;\n:;;garbage$3");
    return out.getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) { // Radicale closed the kept-alive connection: once more
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private static void answer(HttpExchange ex, int status, String header, String value, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add(header, value);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
