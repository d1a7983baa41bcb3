package org.hosthog.store.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;
import org.hosthog.api.StoreException;
import org.hosthog.api.spi.StoreTransaction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** The SQL of the store, run on a handle the caller holds exclusively. */
final class SqliteTransaction implements StoreTransaction {
  private static final String COLUMNS =
      "id, uuid, host, owner, claims, start_ms, end_ms, message, created_ms, updated_ms, updated_by, released_ms,"
          + " series_id, series_every, series_first_ms, series_index, series_count";

  private final Handle h;

  SqliteTransaction(Handle h) {
    this.h = h;
  }

  @Override
  public Optional<Reservation> find(long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM reservation WHERE id = :id")
        .bind("id", id)
        .map(SqliteTransaction::reservation)
        .findOne();
  }

  /**
   * Picks the index by the shape of the window: "from now on" scans the rows that end later (only
   * current and future ones); a closed window scans the rows that start inside it, widened by the
   * longest reservation ever stored. History never has to be read past.
   */
  static String sql(ReservationQuery q) {
    boolean window = q.from().isPresent() && q.to().isPresent();
    String index =
        window
            ? " INDEXED BY reservation_by_start"
            : q.from().isPresent() ? " INDEXED BY reservation_by_end" : "";
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM reservation" + index + " WHERE 1 = 1");
    q.from().ifPresent(x -> sql.append(" AND end_ms > :from"));
    q.to().ifPresent(x -> sql.append(" AND start_ms < :to"));
    if (window) {
      sql.append(" AND start_ms >= :from - (SELECT span_ms FROM longest_span WHERE id = 1)");
    }
    q.owner().ifPresent(x -> sql.append(" AND owner = :owner"));
    if (!q.includeReleased()) {
      sql.append(" AND released_ms IS NULL");
    }
    sql.append(" ORDER BY start_ms, id");
    if (q.limit() > 0) {
      sql.append(" LIMIT ").append(q.limit());
    }
    return sql.toString();
  }

  @Override
  public List<Reservation> query(ReservationQuery q) {
    Query query = h.createQuery(sql(q));
    q.from().ifPresent(x -> query.bind("from", x.toEpochMilli()));
    q.to().ifPresent(x -> query.bind("to", x.toEpochMilli()));
    q.owner().ifPresent(x -> query.bind("owner", x));
    return query.map(SqliteTransaction::reservation).list();
  }

  @Override
  public int count(ReservationQuery q) {
    Query query = h.createQuery("SELECT COUNT(*) FROM (" + sql(q.limitedTo(0)) + ")");
    q.from().ifPresent(x -> query.bind("from", x.toEpochMilli()));
    q.to().ifPresent(x -> query.bind("to", x.toEpochMilli()));
    q.owner().ifPresent(x -> query.bind("owner", x));
    return query.mapTo(Integer.class).one();
  }

  @Override
  public List<Change> history(long id) {
    return h.createQuery(
            "SELECT reservation_id, at_ms, actor, kind, detail FROM change WHERE reservation_id = :id ORDER BY seq")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Change(
                    rs.getLong(1),
                    Instant.ofEpochMilli(rs.getLong(2)),
                    rs.getString(3),
                    Change.Kind.valueOf(rs.getString(4)),
                    rs.getString(5)))
        .list();
  }

  @Override
  public Reservation insert(Reservation r) {
    if (r.id() != Reservation.UNASSIGNED) {
      throw new IllegalArgumentException("a new reservation has no id yet, got " + r.id());
    }
    long id =
        bind(h.createUpdate("INSERT INTO reservation (" + WRITTEN + ") VALUES (" + VALUES + ")"), r)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    recordSpan(r);
    return r.withId(id);
  }

  @Override
  public void restore(Reservation r) {
    if (r.id() <= 0 || find(r.id()).isPresent()) {
      throw new StoreException(
          "cannot restore reservation " + r.id() + ": the id is invalid or taken");
    }
    bind(
            h.createUpdate(
                "INSERT INTO reservation (id, " + WRITTEN + ") VALUES (:id, " + VALUES + ")"),
            r)
        .bind("id", r.id())
        .execute(); // AUTOINCREMENT's sequence follows an explicit id: later inserts continue after
    // it
    recordSpan(r);
  }

  @Override
  public void update(Reservation r) {
    int rows =
        h.createUpdate(
                "UPDATE reservation SET owner = :owner, claims = :claims, start_ms = :start, end_ms = :end,"
                    + " message = :message, updated_ms = :updated, updated_by = :updatedBy,"
                    + " released_ms = :released WHERE id = :id AND uuid = :uuid")
            .bind("id", r.id())
            .bind("uuid", r.uuid().toString())
            .bind("owner", r.owner())
            .bind("claims", claims(r.claims()))
            .bind("start", r.start().toEpochMilli())
            .bind("end", r.end().toEpochMilli())
            .bind("message", r.message())
            .bind("updated", r.updated().toEpochMilli())
            .bind("updatedBy", r.updatedBy())
            .bind("released", r.released().map(Instant::toEpochMilli).orElse(null))
            .execute();
    if (rows != 1) {
      throw new StoreException(
          "no stored reservation " + r.id() + " with uuid " + r.uuid() + " to update");
    }
    recordSpan(r);
  }

  /** Keeps {@code longest_span} an upper bound of every stored reservation's length. */
  private void recordSpan(Reservation r) {
    h.createUpdate("UPDATE longest_span SET span_ms = max(span_ms, :span) WHERE id = 1")
        .bind("span", r.end().toEpochMilli() - r.start().toEpochMilli())
        .execute();
  }

  @Override
  public void record(Change c) {
    h.createUpdate(
            "INSERT INTO change (reservation_id, at_ms, actor, kind, detail) VALUES (:id, :at, :actor, :kind, :detail)")
        .bind("id", c.reservationId())
        .bind("at", c.at().toEpochMilli())
        .bind("actor", c.actor())
        .bind("kind", c.kind().name())
        .bind("detail", c.detail())
        .execute();
  }

  private static final String WRITTEN =
      "uuid, host, owner, claims, start_ms, end_ms, message, created_ms, updated_ms, updated_by, released_ms,"
          + " series_id, series_every, series_first_ms, series_index, series_count";
  private static final String VALUES =
      ":uuid, :host, :owner, :claims, :start, :end, :message, :created, :updated, :updatedBy, :released,"
          + " :seriesId, :every, :first, :index, :count";

  /** Binds every column of {@link #WRITTEN} but the id. */
  private static Update bind(Update u, Reservation r) {
    return u.bind("uuid", r.uuid().toString())
        .bind("host", r.host())
        .bind("owner", r.owner())
        .bind("claims", claims(r.claims()))
        .bind("start", r.start().toEpochMilli())
        .bind("end", r.end().toEpochMilli())
        .bind("message", r.message())
        .bind("created", r.created().toEpochMilli())
        .bind("updated", r.updated().toEpochMilli())
        .bind("updatedBy", r.updatedBy())
        .bind("released", r.released().map(Instant::toEpochMilli).orElse(null))
        .bind("seriesId", r.series().map(x -> x.id().toString()).orElse(null))
        .bind("every", r.series().map(Series::every).orElse(null))
        .bind("first", r.series().map(x -> x.first().toEpochMilli()).orElse(null))
        .bind("index", r.series().map(Series::index).orElse(null))
        .bind("count", r.series().map(Series::count).orElse(null));
  }

  private static String claims(List<Claim> claims) {
    StringBuilder s = new StringBuilder();
    for (Claim c : claims) {
      s.append(s.length() == 0 ? "" : " ")
          .append(c.resource().text())
          .append('=')
          .append(c.mode().text());
    }
    return s.toString();
  }

  private static List<Claim> claims(String text) {
    List<Claim> out = new ArrayList<>();
    for (String item : text.split(" ")) {
      int eq = item.lastIndexOf('=');
      out.add(new Claim(Resource.parse(item.substring(0, eq)), Mode.parse(item.substring(eq + 1))));
    }
    return out;
  }

  private static Reservation reservation(ResultSet rs, StatementContext ctx) throws SQLException {
    long released = rs.getLong(12);
    boolean wasReleased = !rs.wasNull();
    return new Reservation(
        rs.getLong(1),
        UUID.fromString(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        claims(rs.getString(5)),
        Instant.ofEpochMilli(rs.getLong(6)),
        Instant.ofEpochMilli(rs.getLong(7)),
        rs.getString(8),
        Instant.ofEpochMilli(rs.getLong(9)),
        Instant.ofEpochMilli(rs.getLong(10)),
        rs.getString(11),
        wasReleased ? Optional.of(Instant.ofEpochMilli(released)) : Optional.empty(),
        series(rs));
  }

  private static Optional<Series> series(ResultSet rs) throws SQLException {
    String id = rs.getString(13);
    return id == null
        ? Optional.empty()
        : Optional.of(
            new Series(
                UUID.fromString(id),
                rs.getString(14),
                Instant.ofEpochMilli(rs.getLong(15)),
                rs.getInt(16),
                rs.getInt(17)));
  }
}
