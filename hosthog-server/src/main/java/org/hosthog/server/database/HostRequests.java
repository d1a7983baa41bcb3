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

  /**
   * Who a web request is made for.
   *
   * @param user the web user (a Unix user name)
   * @param admin whether the user is one of the server's {@code admin_users}
   * @param vouchedHere whether the host the request is for vouched for the user (their login link
   *     came from it, or from a trusted proxy), so that host's admin groups count for them
   */
  public record Requester(String user, boolean admin, boolean vouchedHere) {}

  /** A request made on the web for {@code host}, and the host's answer once it came. */
  public record HostRequest(
      long id,
      String host,
      Requester requester,
      String line,
      Instant created,
      Optional<String> answer) {}

  public long createRequest(String host, Requester requester, String line, Instant now) {
    return jdbi.withHandle(
        h -> {
          // a day is plenty to look into a request; the table does not grow with the years
          h.createUpdate("DELETE FROM host_requests WHERE created < :old")
              .bind("old", now.minus(java.time.Duration.ofDays(1)).toEpochMilli())
              .execute();
          return h.createUpdate(
                  "INSERT INTO host_requests (host, username, admin, vouched_here, line, created)"
                      + " VALUES (:h, :u, :a, :v, :l, :now)")
              .bind("h", host)
              .bind("u", requester.user())
              .bind("a", requester.admin())
              .bind("v", requester.vouchedHere())
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
      "SELECT id, host, username, admin, vouched_here, line, created, answer FROM host_requests";

  private static HostRequest request(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HostRequest(
        rs.getLong("id"),
        rs.getString("host"),
        new Requester(
            rs.getString("username"), rs.getBoolean("admin"), rs.getBoolean("vouched_here")),
        rs.getString("line"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Optional.ofNullable(rs.getString("answer")));
  }
}
