package org.hosthog.server.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Requests made on the web on their way to a host, and the host's answers.
 *
 * <p>Thread-safe: every call uses its own handle.
 */
public final class HostRequests {
  private final Jdbi jdbi;

  HostRequests(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A request made on the web for {@code host}, and the host's answer once it came. */
  public record HostRequest(
      long id,
      String host,
      String user,
      boolean admin,
      String line,
      Instant created,
      Optional<String> answer) {}

  public long createRequest(String host, String user, boolean admin, String line, Instant now) {
    return jdbi.withHandle(
        h -> {
          // a day is plenty to look into a request; the table does not grow with the years
          h.createUpdate("DELETE FROM host_requests WHERE created < :old")
              .bind("old", now.minus(java.time.Duration.ofDays(1)).toEpochMilli())
              .execute();
          return h.createUpdate(
                  "INSERT INTO host_requests (host, username, admin, line, created)"
                      + " VALUES (:h, :u, :a, :l, :now)")
              .bind("h", host)
              .bind("u", user)
              .bind("a", admin)
              .bind("l", line)
              .bind("now", now.toEpochMilli())
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
        });
  }

  public Optional<HostRequest> request(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(REQUEST + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> request(rs))
                .findOne());
  }

  /** Requests for {@code host} made since {@code since} and not answered yet, oldest first. */
  public List<HostRequest> unanswered(String host, Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    REQUEST + " WHERE host = :h AND answer IS NULL AND created > :s ORDER BY id")
                .bind("h", host)
                .bind("s", since.toEpochMilli())
                .map((rs, ctx) -> request(rs))
                .list());
  }

  /** Records {@code host}'s answer to request {@code id}; false if not its request or answered. */
  public boolean answer(long id, String host, String answer, Instant now) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE host_requests SET answer = :a, answered = :now"
                            + " WHERE id = :id AND host = :h AND answer IS NULL")
                    .bind("a", answer)
                    .bind("now", now.toEpochMilli())
                    .bind("id", id)
                    .bind("h", host)
                    .execute())
        == 1;
  }

  private static final String REQUEST =
      "SELECT id, host, username, admin, line, created, answer FROM host_requests";

  private static HostRequest request(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HostRequest(
        rs.getLong("id"),
        rs.getString("host"),
        rs.getString("username"),
        rs.getBoolean("admin"),
        rs.getString("line"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Optional.ofNullable(rs.getString("answer")));
  }
}
