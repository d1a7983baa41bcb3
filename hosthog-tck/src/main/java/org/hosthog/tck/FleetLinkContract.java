package org.hosthog.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hosthog.api.HostEvent;
import org.hosthog.api.PluginException;
import org.hosthog.api.Reservation;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.api.spi.SyncStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FleetLink} must do when the state server is away or stuck: the host keeps
 * working. The suite gives the link the URL of a server that accepts connections and never answers
 * (a listening socket nobody reads); a link subclasses this once and opens itself for that URL with
 * a request timeout of a few seconds ({@link #TIMEOUT}).
 */
public abstract class FleetLinkContract {
  /** The request timeout a subclass configures: long against the limits asserted below. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Far below {@link #TIMEOUT}: what hearing an event or reading the status may take at most. */
  private static final Duration AT_ONCE = Duration.ofMillis(1500);

  private ServerSocket stuck;
  protected FleetLink link;

  /** Opens the link under test for the server at {@code server}, with {@link #TIMEOUT}. */
  protected abstract FleetLink open(URI server);

  /** A reservation of the host the link serves, for the events the suite sends. */
  protected abstract Reservation claimed(String owner, String resource, String message);

  @BeforeEach
  void openLink() throws IOException {
    stuck = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    link = open(URI.create("http://127.0.0.1:" + stuck.getLocalPort() + "/"));
  }

  @AfterEach
  void closeLink() throws IOException {
    link.close();
    stuck.close();
  }

  @Test
  void hearingEventsNeverWaitsForTheServer() {
    Reservation r = claimed("alice", "gpu:0", "train");
    Instant started = Instant.now();
    for (int i = 0; i < 100; i++) {
      link.onEvent(new HostEvent.Created(r, "alice", Instant.now(), List.of()));
    }
    SyncStatus status = link.status();
    Duration took = Duration.between(started, Instant.now());
    assertTrue(
        took.compareTo(AT_ONCE) < 0,
        "100 events and a status took " + took + " while the server does not answer");
    assertTrue(status.lastSuccess().isEmpty(), "nothing succeeded yet: " + status);
  }

  @Test
  void aStuckServerIsAProblemInTheStatusNotAFailure() {
    SyncStatus s = link.syncNow();
    assertTrue(s.lastSuccess().isEmpty(), s.toString());
    assertFalse(s.problems().isEmpty(), "a server that does not answer is reported: " + s);
    assertFalse(s.problems().get(0).isBlank());
  }

  @Test
  void questionsToAStuckServerFailWithAMessage() {
    for (Runnable question :
        List.<Runnable>of(
            () -> link.hosts(), () -> link.loginUrl("alice"), () -> link.usage("user", "week"))) {
      PluginException e = assertThrows(PluginException.class, question::run);
      assertTrue(e.getMessage() != null && e.getMessage().length() > 10, String.valueOf(e));
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    link.close();
    link.close();
    link = open(URI.create("http://127.0.0.1:" + stuck.getLocalPort() + "/"));
  }
}
