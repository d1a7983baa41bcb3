package org.hosthog.sync.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.Vouch;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;
import org.hosthog.wire.WireException;
import org.hosthog.wire.link.WebRequest;

/**
 * Keeps the server's request stream open once the token is known good, and serves each request made
 * on the web (a {@link WebRequest}) as the user who made it, through the daemon's own request
 * handler; at most once per request id, answers sent back with a few retries.
 */
final class WebRequests implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebRequests.class.getName());

  private final FleetSettings settings;
  private final ServerLink link;
  private final PluginContext context;
  private final BooleanSupplier tokenGood;
  private final Runnable tokenRefused;
  private final Codec codec = new Codec();

  /** Web requests that may wait to be served; more are dropped (the server times them out). */
  static final int MAX_QUEUED = 100;

  private final ExecutorService serving =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.MILLISECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED),
          DaemonThreads.named("hosthog-fleet-serve"),
          (r, pool) ->
              LOG.log(
                  System.Logger.Level.WARNING,
                  "more than "
                      + MAX_QUEUED
                      + " web requests wait to be served; one was dropped (the server answers"
                      + " it as timed out)"));
  private final Map<Long, String> answered =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > 1000;
        }
      };
  private volatile boolean running = true;

  WebRequests(
      FleetSettings settings,
      ServerLink link,
      PluginContext context,
      BooleanSupplier tokenGood,
      Runnable tokenRefused) {
    this.settings = settings;
    this.link = link;
    this.context = context;
    this.tokenGood = tokenGood;
    this.tokenRefused = tokenRefused;
  }

  /** The stream thread's loop, until {@link #close}. */
  void streamLoop() {
    long backoff = 1000;
    while (running) {
      try {
        if (!tokenGood
            .getAsBoolean()) { // the push loop finds out and reports; no second report from here
          Thread.sleep(500);
          continue;
        }
        link.stream("link/requests", data -> serving.execute(() -> serve(data)));
        backoff = 1000;
      } catch (ServerLink.Failure f) {
        LOG.log(System.Logger.Level.DEBUG, "request stream: " + f.getMessage());
        if (f.unauthorized()) {
          tokenRefused.run();
        }
        backoff = Math.min(backoff * 2, settings.interval().toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) { // closing while a request arrives
        if (!running) {
          return;
        }
        LOG.log(System.Logger.Level.WARNING, "the request stream failed", e);
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Serves one request (at most once per id) and sends the answer back. */
  private void serve(String data) {
    long id;
    String answer;
    try {
      WebRequest request = WebRequest.parse(data);
      id = request.id();
      String user = request.user();
      String line = request.line();
      Vouch vouch =
          settings.serverAdmins() && request.admin()
              ? Vouch.ADMIN
              : request.vouchedHere() ? Vouch.THIS_HOST : Vouch.ANOTHER_HOST;
      synchronized (answered) {
        answer = answered.get(id);
      }
      if (answer == null) {
        answer = relayable(line) ? context.serveAs(user, "web", vouch, line) : notRelayed(line);
        synchronized (answered) {
          answered.put(id, answer);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "a request from the state server was not understood: " + e);
      return;
    }
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        link.post("link/answers/" + id, answer);
        return;
      } catch (ServerLink.Failure f) {
        if (f.status == 404) {
          return; // answered already, or timed out on the server
        }
        sleepQuietly(500L * attempt);
      }
    }
  }

  /**
   * Only changes to reservations come from the web; the server has no business asking for login
   * links, syncs or plugin lists on a user's behalf.
   */
  private boolean relayable(String line) {
    try {
      Request<?> r = codec.decodeRequest(line);
      return r instanceof Request.Claim
          || r instanceof Request.Extend
          || r instanceof Request.Edit
          || r instanceof Request.Release;
    } catch (WireException e) {
      return true; // the daemon's handler answers garbage with the right error
    }
  }

  private String notRelayed(String line) {
    return codec.encodeFailure(
        new Response.Failure<>(
            ErrorCode.NOT_PERMITTED,
            "this host takes only claims, extensions, edits and releases from the state server"));
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    serving.shutdownNow();
  }
}
