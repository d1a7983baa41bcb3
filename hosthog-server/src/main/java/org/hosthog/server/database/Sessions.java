package org.hosthog.server.database;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Web sessions and one-time login links (stored hashed).
 *
 * <p>Thread-safe: every call uses its own handle.
 */
public final class Sessions {
  private final Jdbi jdbi;

  Sessions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * A web session: who, the token every mutation must repeat in {@code X-CSRF-Token}, and the host
   * whose login link started it (empty: a trusted proxy's header, or a session older than that).
   */
  public record Session(
      String idHash, String user, String csrf, Instant expires, Optional<String> host) {}

  /**
   * Starts a session for {@code user}; {@code host} is the host whose login link vouched for the
   * user (empty: a trusted proxy did).
   */
  public void createSession(
      String idHash, String user, Optional<String> host, String csrf, Instant expires) {
    jdbi.useHandle(
        h -> {
          h.createUpdate("DELETE FROM sessions WHERE expires < :now")
              .bind("now", Instant.now().toEpochMilli())
              .execute();
          h.createUpdate(
                  "INSERT INTO sessions (id_hash, username, host, csrf, expires)"
                      + " VALUES (:i, :u, :h, :c, :e)")
              .bind("i", idHash)
              .bind("u", user)
              .bind("h", host.orElse(null))
              .bind("c", csrf)
              .bind("e", expires.toEpochMilli())
              .execute();
        });
  }

  /** Which of {@code idHashes} are sessions that have not ended or expired by {@code now}. */
  public Set<String> live(Collection<String> idHashes, Instant now) {
    List<String> all = List.copyOf(idHashes);
    Set<String> live = new HashSet<>();
    for (int i = 0; i < all.size(); i += 500) { // SQLite allows few bound values in one query
      List<String> part = all.subList(i, Math.min(all.size(), i + 500));
      live.addAll(
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT id_hash FROM sessions WHERE id_hash IN (<ids>) AND expires > :now")
                      .bindList("ids", part)
                      .bind("now", now.toEpochMilli())
                      .mapTo(String.class)
                      .list()));
    }
    return live;
  }

  /** Ends the session {@code idHash} (a logout); no other. */
  public void end(String idHash) {
    jdbi.useHandle(
        h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :i").bind("i", idHash).execute());
  }

  public Optional<Session> session(String idHash, Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT username, csrf, expires, host FROM sessions WHERE id_hash = :i"
                        + " AND expires > :now")
                .bind("i", idHash)
                .bind("now", now.toEpochMilli())
                .map(
                    (rs, ctx) ->
                        new Session(
                            idHash,
                            rs.getString("username"),
                            rs.getString("csrf"),
                            Instant.ofEpochMilli(rs.getLong("expires")),
                            Optional.ofNullable(rs.getString("host"))))
                .findOne());
  }

  public void createLogin(String tokenHash, String user, String host, Instant expires) {
    jdbi.useHandle(
        h -> {
          h.createUpdate("DELETE FROM login_links WHERE expires < :old")
              .bind("old", expires.minusSeconds(86_400).toEpochMilli())
              .execute();
          h.createUpdate(
                  "INSERT INTO login_links (token_hash, username, host, expires)"
                      + " VALUES (:t, :u, :h, :e)")
              .bind("t", tokenHash)
              .bind("u", user)
              .bind("h", host)
              .bind("e", expires.toEpochMilli())
              .execute();
        });
  }

  /** What using a login link gave: the user it was made for, or why it does not log in. */
  public sealed interface LoginUse {
    /** Logged in as {@code user}, whom {@code host} vouched for. */
    public record LoggedIn(String user, String host) implements LoginUse {}

    public enum Refused implements LoginUse {
      UNKNOWN,
      USED,
      EXPIRED
    }
  }

  /** Uses a login link, once. */
  public LoginUse useLogin(String tokenHash, Instant now) {
    return jdbi.inTransaction(
        h -> {
          int used =
              h.createUpdate(
                      "UPDATE login_links SET used = :now"
                          + " WHERE token_hash = :t AND used IS NULL AND expires > :now")
                  .bind("t", tokenHash)
                  .bind("now", now.toEpochMilli())
                  .execute();
          Optional<Object[]> row =
              h.createQuery(
                      "SELECT username, host, used, expires FROM login_links WHERE token_hash = :t")
                  .bind("t", tokenHash)
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getString("username"),
                            rs.getObject("used"),
                            rs.getLong("expires"),
                            rs.getString("host")
                          })
                  .findOne();
          if (used == 1) {
            Object[] r = row.orElseThrow();
            return (LoginUse) new LoginUse.LoggedIn((String) r[0], (String) r[3]);
          }
          if (row.isEmpty()) {
            return LoginUse.Refused.UNKNOWN;
          }
          return row.get()[1] != null ? LoginUse.Refused.USED : LoginUse.Refused.EXPIRED;
        });
  }
}
