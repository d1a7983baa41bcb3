package org.hosthog.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.SeriesOutcome;
import org.hosthog.api.SeriesRequest;
import org.hosthog.api.spi.Notifier;
import org.hosthog.core.Hosthog;
import org.hosthog.tck.EmptySettings;
import org.hosthog.tck.NotifierContract;
import org.hosthog.tck.PluginContexts;
import org.hosthog.tck.Reservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier contract for the webhook: it posts to a real HTTP endpoint on loopback (a minimal
 * HTTP/1.1 server on a socket, as a chat server's incoming webhook), and what people see is the
 * {@code text} of each post.
 */
class WebhookNotifierContractTest extends NotifierContract {
  @TempDir Path dir;
  private Hosthog hosthog;
  private ChatServer chat;

  /** Opened on first use: the suite opens the notifier before a subclass's @BeforeEach runs. */
  private Hosthog core() {
    if (hosthog == null) {
      hosthog =
          Hosthog.builder()
              .host("gpu-box")
              .stateDir(dir.resolve("state"))
              .gpus(4)
              .scheduler(false)
              .build();
      chat = ChatServer.start();
    }
    return hosthog;
  }

  @AfterEach
  void closeAll() throws IOException {
    hosthog.close();
    chat.close();
  }

  @Override
  protected Notifier open() {
    PluginContexts ctx =
        new PluginContexts(
            "gpu-box",
            EmptySettings.INSTANCE,
            dir,
            Clock.systemUTC(),
            ZoneId.of("Europe/Berlin"),
            core().reservations(),
            HostActivity::none);
    return new WebhookNotifier(ctx, chat.url(), Duration.ofSeconds(5), 0);
  }

  @Override
  protected Reservation claimed(String owner, String resource, String message) {
    return Reservations.claimNow(
        core().reservations(), owner, Claim.of(Resource.parse(resource)), message, false);
  }

  /** The posts' texts, once the first arrived (changes are gathered for 2 s before a post). */
  @Override
  protected String delivered() throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (chat.bodies.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    StringBuilder texts = new StringBuilder();
    for (String body : chat.bodies) {
      texts.append(JsonParser.parseString(body).getAsJsonObject().get("text").getAsString());
      texts.append('\n');
    }
    return texts.toString();
  }

  @Test
  void aSeriesIsPostedOnceNotOncePerOccurrence() throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));
    SeriesOutcome made =
        core()
            .reservations()
            .claimSeries(
                Actor.of("alice"),
                new SeriesRequest(
                    new ClaimRequest(
                        List.of(Claim.of(Resource.parse("gpu:1"))),
                        start,
                        start.plus(Duration.ofHours(2)),
                        "nightly benchmark",
                        false),
                    "day",
                    OptionalInt.of(5),
                    Optional.empty(),
                    false));
    List<Reservation> occurrences = ((SeriesOutcome.Done) made).occurrences();
    notifier.onEvent(
        new HostEvent.SeriesChanged(
            HostEvent.SeriesChanged.Kind.CREATED,
            occurrences,
            "alice",
            Instant.now(),
            Optional.empty()));
    String text = delivered();
    Thread.sleep(2500); // a post per occurrence would have followed by now
    assertEquals(1, chat.bodies.size(), chat.bodies.toString());
    assertTrue(
        text.contains("alice claimed gpu:1 every day")
            && text.contains("5 times from")
            && text.contains("nightly benchmark"),
        text);
  }

  /** Answers every POST with 200 and keeps its body. */
  private static final class ChatServer implements AutoCloseable {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;

    private ChatServer(ServerSocket socket) {
      this.socket = socket;
    }

    static ChatServer start() {
      try {
        ChatServer s = new ChatServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread t = new Thread(s::serve, "chat-server");
        t.setDaemon(true);
        t.start();
        return s;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hooks/secret");
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket c = socket.accept()) {
          bodies.add(body(c.getInputStream()));
          OutputStream out = c.getOutputStream();
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          // closed, or a client that went away: the next one is served
        }
      }
    }

    private static String body(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the request ended in its head");
        }
        head.write(b);
      }
      int length = 0;
      for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
