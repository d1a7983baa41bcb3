package org.hosthog.server.database;

import java.time.Instant;
import java.util.Optional;

/** Reading the columns every table shares: times as epoch milliseconds, maybe null. */
final class Rows {
  private Rows() {}

  static Optional<Instant> instant(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }
}
