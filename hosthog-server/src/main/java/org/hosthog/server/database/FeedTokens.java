package org.hosthog.server.database;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Calendar feed tokens (stored hashed), one per user.
 *
 * <p>Thread-safe: every call uses its own handle.
 */
public final class FeedTokens {
  private final Jdbi jdbi;

  FeedTokens(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Gives {@code user} a new feed token (hashed here); the old one stops working. */
  public void replaceFeed(String user, String tokenHash, Instant now) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM feeds WHERE username = :u").bind("u", user).execute();
          h.createUpdate("INSERT INTO feeds (token_hash, username, created) VALUES (:t, :u, :now)")
              .bind("t", tokenHash)
              .bind("u", user)
              .bind("now", now.toEpochMilli())
              .execute();
        });
  }

  /** Revokes {@code user}'s feed; false if there was none. */
  public boolean revokeFeed(String user) {
    return jdbi.withHandle(
            h -> h.createUpdate("DELETE FROM feeds WHERE username = :u").bind("u", user).execute())
        == 1;
  }

  /** Whose feed a (hashed) token opens. */
  public Optional<String> feedOwner(String tokenHash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT username FROM feeds WHERE token_hash = :t")
                .bind("t", tokenHash)
                .mapTo(String.class)
                .findOne());
  }
}
