package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Radicale CalDAV server (Debian package {@code radicale}) on a free loopback port, with
 * htpasswd (bcrypt) authentication, its data in a folder of the test's. Missing Radicale skips the
 * tests, unless {@code HOSTHOG_REQUIRE_PEERS} is set (as {@code .ci/run} does).
 */
public final class Radicale implements AutoCloseable {
  public static final String USER = "hosthog";
  public static final String PASSWORD = "s3cret app-password";
  private static final AtomicInteger CALENDARS = new AtomicInteger();

  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  private Radicale(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static Radicale start(Path dir) throws IOException, InterruptedException {
    boolean installed =
        Files.isExecutable(Path.of("/usr/bin/radicale"))
            && Files.isExecutable(Path.of("/usr/bin/htpasswd"));
    if (System.getenv("HOSTHOG_REQUIRE_PEERS") == null) {
      assumeTrue(
          installed,
          "Radicale is not installed (apt-get install radicale apache2-utils python3-passlib python3-bcrypt)");
    } else if (!installed) {
      throw new IllegalStateException(
          "HOSTHOG_REQUIRE_PEERS is set but /usr/bin/radicale or /usr/bin/htpasswd is missing");
    }
    Files.createDirectories(dir.resolve("collections"));
    run("htpasswd", "-B", "-b", "-c", dir.resolve("users").toString(), USER, PASSWORD);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "[server]",
            "hosts = 127.0.0.1:" + port,
            "ssl = False",
            "[auth]",
            "type = htpasswd",
            "htpasswd_filename = " + dir.resolve("users"),
            "htpasswd_encryption = bcrypt",
            "delay = 0",
            "[rights]",
            "type = owner_only",
            "[storage]",
            "filesystem_folder = " + dir.resolve("collections"),
            "[logging]",
            "level = warning",
            "mask_passwords = True",
            "[web]",
            "type = none",
            ""));
    Radicale r = new Radicale(dir, port);
    r.up();
    return r;
  }

  /** Starts (again) on the same port and data. */
  public void up() throws IOException, InterruptedException {
    process =
        new ProcessBuilder("/usr/bin/radicale", "-C", dir.resolve("config").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("radicale.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "radicale exited: " + Files.readString(dir.resolve("radicale.log")));
      }
      try {
        http.send(
            HttpRequest.newBuilder(root()).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("radicale did not answer within 20 s");
  }

  /** Stops the server; requests fail with "connection refused" until {@link #up()}. */
  public void down() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  public URI root() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public Path dir() {
    return dir;
  }

  /** A new, empty event calendar of {@link #USER}. */
  public URI newCalendar() throws IOException, InterruptedException {
    URI cal = root().resolve(USER + "/cal-" + CALENDARS.incrementAndGet() + "/");
    HttpResponse<String> r =
        send(
            "MKCALENDAR",
            cal,
            "<?xml version=\"1.0\"?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<D:set><D:prop><D:displayname>Lab servers</D:displayname><C:supported-calendar-component-set><C:comp name=\"VEVENT\"/>"
                + "</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>",
            Map.of());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("MKCALENDAR answered " + r.statusCode() + ": " + r.body());
    }
    return cal;
  }

  public HttpResponse<String> send(String method, URI uri, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    return send(method, uri, body, headers, Duration.ofSeconds(30));
  }

  public HttpResponse<String> send(
      String method, URI uri, String body, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header(
          "Content-Type",
          body.startsWith("BEGIN:")
              ? "text/calendar; charset=utf-8"
              : "application/xml; charset=utf-8");
    }
    headers.forEach(b::header);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (
        IOException e) { // Radicale closes idle kept-alive connections: once more on a fresh one
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
