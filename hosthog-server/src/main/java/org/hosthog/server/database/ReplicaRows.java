package org.hosthog.server.database;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.wire.Codec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The replica of every host's reservations: the JSON each host pushed, with indexed columns.
 *
 * <p>Thread-safe: every call uses its own handle.
 */
public final class ReplicaRows {
  private final Jdbi jdbi;

  ReplicaRows(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * One reservation of the replica: its JSON as the host sent it, and the columns read without it.
   */
  public record Stored(
      UUID uuid,
      String host,
      long id,
      long version,
      String owner,
      Instant start,
      Instant end,
      Optional<Instant> released,
      List<Claim> claims,
      String body) {
    public Stored {
      claims = List.copyOf(claims);
    }
  }

  /**
   * Stores {@code r} unless the replica holds the same or a newer version; false then (or when the
   * uuid belongs to another host).
   */
  public boolean upsert(Stored r, Instant now) {
    return jdbi.withHandle(h -> upsert(h, r, now));
  }

  /** The host a reservation UUID belongs to in the replica, if it is there. */
  static Optional<String> hostOf(Handle h, UUID uuid) {
    return h.createQuery("SELECT host FROM reservations WHERE uuid = :u")
        .bind("u", uuid.toString())
        .mapTo(String.class)
        .findOne();
  }

  static boolean upsert(Handle h, Stored r, Instant now) {
    return h.createUpdate(
                "INSERT INTO reservations (uuid, host, id, version, owner, start_ms,"
                    + " end_ms, released_ms, claims, body, received) VALUES (:uuid, :host, :id,"
                    + " :version, :owner, :start, :end, :released, :claims, :body, :now)"
                    + " ON CONFLICT (uuid) DO UPDATE SET id = :id, version = :version,"
                    + " owner = :owner, start_ms = :start, end_ms = :end,"
                    + " released_ms = :released, claims = :claims, body = :body, received = :now"
                    + " WHERE reservations.version < :version AND reservations.host = :host")
            .bind("uuid", r.uuid().toString())
            .bind("host", r.host())
            .bind("id", r.id())
            .bind("version", r.version())
            .bind("owner", r.owner())
            .bind("start", r.start().toEpochMilli())
            .bind("end", r.end().toEpochMilli())
            .bind("released", r.released().map(Instant::toEpochMilli).orElse(null))
            .bind("claims", ClaimsColumn.format(r.claims()))
            .bind("body", r.body())
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /** What {@code GET /api/v1/reservations} asks for; every part optional. */
  public record Filter(
      Optional<String> host,
      Optional<String> owner,
      Optional<Instant> from,
      Optional<Instant> to,
      boolean includeReleased) {}

  public List<Stored> reservations(Filter f) {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
    f.host().ifPresent(x -> sql.append(" AND host = :host"));
    f.owner().ifPresent(x -> sql.append(" AND owner = :owner"));
    f.from().ifPresent(x -> sql.append(" AND end_ms > :from"));
    f.to().ifPresent(x -> sql.append(" AND start_ms < :to"));
    if (!f.includeReleased()) {
      sql.append(" AND released_ms IS NULL");
    }
    sql.append(" ORDER BY start_ms, host, id");
    return jdbi.withHandle(
        h -> {
          Query q = h.createQuery(sql.toString());
          f.host().ifPresent(x -> q.bind("host", x));
          f.owner().ifPresent(x -> q.bind("owner", x));
          f.from().ifPresent(x -> q.bind("from", x.toEpochMilli()));
          f.to().ifPresent(x -> q.bind("to", x.toEpochMilli()));
          return q.map((rs, ctx) -> stored(rs)).list();
        });
  }

  public Optional<Stored> reservation(String host, long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE host = :host AND id = :id")
                .bind("host", host)
                .bind("id", id)
                .map((rs, ctx) -> stored(rs))
                .findFirst());
  }

  /** The reservations with these ids, in one query. */
  public List<Stored> reservations(List<UUID> uuids) {
    if (uuids.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE uuid IN (<uuids>)")
                .bindList("uuids", uuids.stream().map(UUID::toString).toList())
                .map((rs, ctx) -> stored(rs))
                .list());
  }

  public Optional<Stored> reservation(UUID uuid) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE uuid = :uuid")
                .bind("uuid", uuid.toString())
                .map((rs, ctx) -> stored(rs))
                .findFirst());
  }

  private static final String SELECT =
      "SELECT uuid, host, id, version, owner, start_ms, end_ms, released_ms, claims, body"
          + " FROM reservations";

  private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Stored(
        UUID.fromString(rs.getString("uuid")),
        rs.getString("host"),
        rs.getLong("id"),
        rs.getLong("version"),
        rs.getString("owner"),
        Instant.ofEpochMilli(rs.getLong("start_ms")),
        Instant.ofEpochMilli(rs.getLong("end_ms")),
        Rows.instant(rs, "released_ms"),
        ClaimsColumn.parse(rs.getString("claims")),
        rs.getString("body"));
  }

  /** Schema 8: the claims column, filled in from each reservation's JSON. */
  static void addClaims(Handle h) {
    h.execute("ALTER TABLE reservations ADD COLUMN claims TEXT");
    Codec codec = new Codec();
    Map<String, String> claims = new HashMap<>();
    h.createQuery("SELECT uuid, body FROM reservations")
        .map((rs, ctx) -> Map.entry(rs.getString("uuid"), rs.getString("body")))
        .forEach(
            r ->
                claims.put(
                    r.getKey(),
                    ClaimsColumn.format(codec.decodeReservation(r.getValue()).claims())));
    PreparedBatch update = h.prepareBatch("UPDATE reservations SET claims = :c WHERE uuid = :u");
    claims.forEach((uuid, c) -> update.bind("u", uuid).bind("c", c).add());
    if (!claims.isEmpty()) {
      update.execute();
    }
  }
}
