package org.hosthog.server.relay;

import java.util.function.Consumer;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;

/**
 * Tells every server instance what changed: a reservation stored, a request for a host, a host's
 * answer. With SQLite there is one instance and the feed stays in the process; with PostgreSQL the
 * database carries it (LISTEN/NOTIFY), so instances share nothing else.
 *
 * <p>Events are short text ({@code r HOST UUID}, {@code q ID HOST}, {@code a ID}); receivers load
 * what they need from the database. Published after the change is committed.
 */
public interface Feed extends AutoCloseable {

  public void publish(String event);

  /** Sets the one receiver of every event, this instance's own included. */
  public void listen(Consumer<String> receiver);

  @Override
  public void close();

  public static Feed open(FleetDb db, ServerConfig config) {
    return config.postgres().isPresent()
        ? new PostgresFeed(db, config.postgres().get())
        : new LocalFeed();
  }
}
