package org.hosthog.server;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hosthog.api.HosthogException;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.relay.Feed;
import org.hosthog.server.relay.Hub;

/**
 * A running state server: the fleet database, the feed between instances, and the HTTP API on
 * Jetty. {@link #start} returns a serving server or throws with a message an admin can act on.
 */
public final class StateServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StateServer.class.getName());

  private final Server jetty;
  private final Hub hub;
  private final Feed feed;
  private final ServerConnector connector;
  private final FleetDb db;
  private final java.util.concurrent.ScheduledExecutorService pruner;

  private StateServer(
      Server jetty,
      ServerConnector connector,
      Hub hub,
      Feed feed,
      FleetDb db,
      java.util.concurrent.ScheduledExecutorService pruner) {
    this.db = db;
    this.pruner = pruner;
    this.jetty = jetty;
    this.connector = connector;
    this.hub = hub;
    this.feed = feed;
  }

  public static StateServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static StateServer start(ServerConfig config, Clock clock) {
    return start(config, clock, Duration.ofSeconds(15));
  }

  /** As {@link #start(ServerConfig, Clock)}, with keep-alives every {@code keepAlive} (tests). */
  static StateServer start(ServerConfig config, Clock clock, Duration keepAlive) {
    FleetDb db = FleetDb.open(config);
    Feed feed = Feed.open(db, config);
    Hub hub = new Hub(db, feed, clock, keepAlive);
    QueuedThreadPool threads = new QueuedThreadPool(200, 4);
    threads.setName("hosthog-http");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false); // no version for an attacker to look up
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(config.listenHost());
    connector.setPort(config.listenPort());
    connector.setIdleTimeout(60_000); // SSE streams get a keep-alive every 15 s
    jetty.addConnector(connector);
    jetty.setHandler(Api.router(config, db, hub, clock));
    // No graceful wait on stop: event streams never end by themselves, and every client retries
    // (hosts push idempotently; a web request cut off was answered or not, and says so).
    jetty.setStopTimeout(0);
    try {
      jetty.start();
    } catch (Exception e) {
      hub.close();
      feed.close();
      db.close();
      throw new HosthogException(
          "cannot listen on "
              + config.listenHost()
              + ":"
              + config.listenPort()
              + ": "
              + FleetDb.rootMessage(e)
              + "; is another server running there? ([server] listen)",
          e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "hosthog server on http://"
            + config.listenHost()
            + ":"
            + connector.getLocalPort()
            + " (public URL "
            + config.publicUrl()
            + "), fleet database "
            + config.database()
            + " at "
            + db.where()
            + ", config "
            + config.source());
    return new StateServer(jetty, connector, hub, feed, db, pruneHourly(db, config, clock));
  }

  /**
   * Deletes usage samples older than {@code usage_raw_days} once an hour (the daily sums stay), so
   * the database does not grow with the years. Every instance does it; deleting twice is harmless.
   */
  private static java.util.concurrent.ScheduledExecutorService pruneHourly(
      FleetDb db, ServerConfig config, Clock clock) {
    var pruner =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("hosthog-usage-prune"));
    Runnable prune =
        () -> {
          try {
            Instant before = clock.instant().minus(Duration.ofDays(config.usage().rawDays()));
            int n = db.usage().prune(before);
            LOG.log(
                System.Logger.Level.DEBUG, "pruned " + n + " usage sample rows before " + before);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pruning old usage samples failed: " + e);
          }
        };
    pruner.scheduleWithFixedDelay(prune, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
    return pruner;
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  public URI url() {
    return URI.create("http://" + connector.getHost() + ":" + port() + "/");
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    pruner.shutdownNow();
    hub.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "stopping the HTTP server failed", e);
    }
    feed.close();
    db.close();
  }
}
