package org.hosthog.server.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.HostRequests;
import org.hosthog.server.database.Replica;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.SseStream;
import org.hosthog.wire.link.WebRequest;

/**
 * This instance's open streams and waiting requests, fed by the {@link Feed}: web pages watching
 * changes, host daemons waiting for requests made on the web, and web requests waiting for a host's
 * answer. A change that reaches any instance reaches the streams of every instance.
 */
public final class Hub implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Hub.class.getName());

  /** Requests older than this are not delivered to a host that connects late: they timed out. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final FleetDb db;
  private final Feed feed;
  private final Clock clock;

  /** The web pages' streams, each with the id hash of the session it serves. */
  private final Map<SseStream, String> watchers = new ConcurrentHashMap<>();

  private final Map<String, SseStream> hostStreams = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
  private final InFlight inFlight = new InFlight();
  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-keep-alive"));

  /**
   * @param keepAlive how often every stream gets a keep-alive (and one past its time is ended)
   */
  public Hub(FleetDb db, Feed feed, Clock clock, Duration keepAlive) {
    this.db = db;
    this.feed = feed;
    this.clock = clock;
    feed.listen(this::onEvent);
    this.keepAlive.scheduleWithFixedDelay(
        this::keepAlive, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
  }

  // ---- what happened (any instance) ---------------------------------------------------------

  /** Tells every instance; in events of at most 100 ids (a notification carries 8000 bytes). */
  public void reservationsStored(String host, List<UUID> uuids) {
    for (int i = 0; i < uuids.size(); i += 100) {
      List<UUID> part = uuids.subList(i, Math.min(uuids.size(), i + 100));
      feed.publish(
          "r " + host + " " + String.join(",", part.stream().map(UUID::toString).toList()));
    }
  }

  private void onEvent(String event) {
    String[] p = event.split(" ");
    try {
      switch (p[0]) {
        case "r" -> changed(p[2]);
        case "q" -> deliver(Long.parseLong(p[1]), p[2]);
        case "a" -> answered(Long.parseLong(p[1]));
        case "s" -> endStreams(Set.of(p[1]));
        default -> LOG.log(System.Logger.Level.WARNING, "unknown feed event: " + event);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "handling feed event '" + event + "' failed", e);
    }
  }

  private void changed(String uuids) {
    if (watchers.isEmpty()) {
      return;
    }
    List<UUID> ids = java.util.Arrays.stream(uuids.split(",")).map(UUID::fromString).toList();
    for (ReplicaRows.Stored r : db.replica().reservations(ids)) {
      String json = Replica.json(r, now());
      watchers.keySet().forEach(w -> w.event("reservation", json));
    }
  }

  // ---- web pages ------------------------------------------------------------------------------

  /** Sends {@code stream} every change, until it closes or session {@code idHash} ends. */
  public void watch(SseStream stream, String idHash) {
    watchers.put(stream, idHash);
  }

  /**
   * Session {@code idHash} logged out: its streams on every instance end at once. (A session ended
   * behind the server's back, by {@code hosthog server revoke}, ends them at the next keep-alive.)
   */
  public void sessionEnded(String idHash) {
    feed.publish("s " + idHash);
  }

  private void endStreams(Set<String> sessions) {
    watchers.forEach(
        (stream, session) -> {
          if (sessions.contains(session)) {
            stream.close();
          }
        });
  }

  public void unwatch(SseStream stream) {
    watchers.remove(stream);
  }

  // ---- host links -----------------------------------------------------------------------------

  /** A host's daemon opened its request stream here; an older stream of the same host closes. */
  public void hostConnected(String host, SseStream stream) {
    SseStream old = hostStreams.put(host, stream);
    if (old != null && old != stream) {
      old.close();
    }
    for (HostRequests.HostRequest r :
        db.requests().unanswered(host, now().minus(REQUEST_TIMEOUT))) {
      stream.event("request", requestJson(r));
    }
  }

  public void hostDisconnected(String host, SseStream stream) {
    hostStreams.remove(host, stream);
  }

  private void deliver(long id, String host) {
    SseStream stream = hostStreams.get(host);
    if (stream != null) {
      db.requests().request(id).ifPresent(r -> stream.event("request", requestJson(r)));
    }
  }

  private static String requestJson(HostRequests.HostRequest r) {
    HostRequests.Requester who = r.requester();
    return new WebRequest(r.id(), who.user(), who.admin(), who.vouchedHere(), r.line()).json();
  }

  /**
   * Sends {@code line} (a socket-protocol request) to {@code host}'s daemon, to be served as {@code
   * who}'s user, and waits for its answer line.
   *
   * @throws ApiError 504 when the host does not answer in time
   */
  public String relay(String host, HostRequests.Requester who, String line) {
    inFlight.acquire(who.user(), host);
    try {
      return relayNow(host, who, line);
    } finally {
      inFlight.release(who.user(), host);
    }
  }

  private String relayNow(String host, HostRequests.Requester who, String line) {
    long id = db.requests().createRequest(host, who, line, now());
    CompletableFuture<String> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    try {
      feed.publish("q " + id + " " + host);
      return answer.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return db.requests()
          .request(id) // a notification lost with a reconnect: look once more
          .flatMap(HostRequests.HostRequest::answer)
          .orElseThrow(
              () ->
                  new ApiError(
                      504,
                      "host_timeout",
                      host
                          + " did not answer within "
                          + REQUEST_TIMEOUT.toSeconds()
                          + " s; it may be busy or its link may be down. Nothing was changed"
                          + " unless 'hosthog list' on "
                          + host
                          + " shows it"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "unavailable", "the server is shutting down; try again");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      waiting.remove(id);
    }
  }

  /** A host answered request {@code id}; false if that was not its request or it was answered. */
  public boolean answer(long id, String host, String answerLine) {
    if (!db.requests().answer(id, host, answerLine, now())) {
      return false;
    }
    feed.publish("a " + id);
    return true;
  }

  private void answered(long id) {
    CompletableFuture<String> f = waiting.get(id);
    if (f != null) {
      db.requests().request(id).flatMap(HostRequests.HostRequest::answer).ifPresent(f::complete);
    }
  }

  // ---- upkeep ---------------------------------------------------------------------------------

  private void keepAlive() {
    Instant now = now();
    watchers.keySet().forEach(s -> s.keepAlive(now));
    try {
      Set<String> open = Set.copyOf(watchers.values());
      Set<String> live = db.sessions().live(open, now);
      endStreams(open.stream().filter(s -> !live.contains(s)).collect(Collectors.toSet()));
    } catch (RuntimeException e) { // the database away: the streams wait for the next round
      LOG.log(System.Logger.Level.WARNING, "checking the sessions of event streams failed: " + e);
    }
    hostStreams.values().forEach(s -> s.keepAlive(now));
  }

  private Instant now() {
    return clock.instant();
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    watchers.keySet().forEach(SseStream::close);
    hostStreams.values().forEach(SseStream::close);
  }
}
