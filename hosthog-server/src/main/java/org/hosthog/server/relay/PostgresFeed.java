package org.hosthog.server.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The feed between instances on one PostgreSQL: {@code NOTIFY hosthog} to publish, a dedicated
 * connection that {@code LISTEN}s to receive (reconnecting with back-off when the database goes
 * away).
 */
public final class PostgresFeed implements Feed {
  private static final System.Logger LOG = System.getLogger(PostgresFeed.class.getName());
  private static final String CHANNEL = "hosthog";

  private final FleetDb db;
  private final ServerConfig.Postgres pg;
  private final Thread listener;
  private volatile Consumer<String> receiver = e -> {};
  private volatile boolean running = true;

  public PostgresFeed(FleetDb db, ServerConfig.Postgres pg) {
    this.db = db;
    this.pg = pg;
    this.listener = new Thread(this::listenLoop, "hosthog-pg-listen");
    listener.setDaemon(true);
    listener.start();
  }

  @Override
  public void publish(String event) {
    db.jdbi().useHandle(h -> h.execute("SELECT pg_notify('" + CHANNEL + "', ?)", event));
  }

  @Override
  public void listen(Consumer<String> receiver) {
    this.receiver = receiver;
  }

  private void listenLoop() {
    long backoffMillis = 500;
    while (running) {
      try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        backoffMillis = 500;
        PGConnection pgc = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] got = pgc.getNotifications(1000);
          if (got != null) {
            for (PGNotification n : got) {
              deliver(n.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "lost the PostgreSQL notification connection ("
                + e.getMessage()
                + "); changes from other instances wait until it is back; retrying in "
                + backoffMillis
                + " ms");
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 30_000);
      }
    }
  }

  private void deliver(String event) {
    try {
      receiver.accept(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "handling feed event '" + event + "' failed", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    listener.interrupt();
  }
}
