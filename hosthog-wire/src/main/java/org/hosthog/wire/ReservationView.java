package org.hosthog.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.Reservation;
import org.hosthog.api.Series;

/**
 * A reservation as the wire carries it and {@code --json} prints it: the stored fields, its state
 * at the moment of the answer, times at the host's offset, and (for {@code show}) its history.
 *
 * <p>The field names of its JSON form are a stable interface for scripts (DESIGN.md): fields are
 * only ever added.
 *
 * @param state {@code planned}, {@code active}, {@code ended} or {@code released}
 * @param series the series it is an occurrence of, if it is one
 * @param history every change, oldest first; present only in the answer to {@code show}
 */
public record ReservationView(
    long id,
    UUID uuid,
    String host,
    String owner,
    List<Claim> claims,
    OffsetDateTime start,
    OffsetDateTime end,
    String message,
    String state,
    OffsetDateTime created,
    OffsetDateTime updated,
    String updatedBy,
    Optional<OffsetDateTime> released,
    Optional<Series> series,
    Optional<List<HistoryEntry>> history) {

  public ReservationView {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(owner, "owner");
    claims = List.copyOf(claims);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(updatedBy, "updatedBy");
    Objects.requireNonNull(released, "released");
    Objects.requireNonNull(series, "series");
    history = history.map(List::copyOf);
  }

  /** A reservation in no series. */
  public ReservationView(
      long id,
      UUID uuid,
      String host,
      String owner,
      List<Claim> claims,
      OffsetDateTime start,
      OffsetDateTime end,
      String message,
      String state,
      OffsetDateTime created,
      OffsetDateTime updated,
      String updatedBy,
      Optional<OffsetDateTime> released,
      Optional<List<HistoryEntry>> history) {
    this(
        id,
        uuid,
        host,
        owner,
        claims,
        start,
        end,
        message,
        state,
        created,
        updated,
        updatedBy,
        released,
        Optional.empty(),
        history);
  }

  /** One line of a reservation's history, as {@code hosthog show} lists it. */
  public record HistoryEntry(OffsetDateTime at, String actor, String kind, String detail) {
    public HistoryEntry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }

    /** {@code c} at the offset of {@code zone}. */
    public static HistoryEntry of(Change c, ZoneId zone) {
      return new HistoryEntry(
          ReservationView.at(c.at(), zone),
          c.actor(),
          c.kind().name().toLowerCase(java.util.Locale.ROOT),
          c.detail());
    }
  }

  /** {@code r} as it stands at {@code now}, with times at the offset of {@code zone}. */
  public static ReservationView of(Reservation r, Instant now, ZoneId zone) {
    return new ReservationView(
        r.id(),
        r.uuid(),
        r.host(),
        r.owner(),
        r.claims(),
        at(r.start(), zone),
        at(r.end(), zone),
        r.message(),
        r.state(now).text(),
        at(r.created(), zone),
        at(r.updated(), zone),
        r.updatedBy(),
        r.released().map(t -> at(t, zone)),
        r.series(),
        Optional.empty());
  }

  /** Each of {@code list} as it stands at {@code now}. */
  public static List<ReservationView> of(List<Reservation> list, Instant now, ZoneId zone) {
    return list.stream().map(r -> of(r, now, zone)).toList();
  }

  /** This view with {@code changes} as its history. */
  public ReservationView withHistory(List<Change> changes, ZoneId zone) {
    return new ReservationView(
        id,
        uuid,
        host,
        owner,
        claims,
        start,
        end,
        message,
        state,
        created,
        updated,
        updatedBy,
        released,
        series,
        Optional.of(changes.stream().map(c -> HistoryEntry.of(c, zone)).toList()));
  }

  /** The reservation back (without its state and history), e.g. to draw a timeline. */
  public Reservation toReservation() {
    return new Reservation(
        id,
        uuid,
        host,
        owner,
        claims,
        start.toInstant(),
        end.toInstant(),
        message,
        created.toInstant(),
        updated.toInstant(),
        updatedBy,
        released.map(OffsetDateTime::toInstant),
        series);
  }

  /** The resources as one text, e.g. {@code gpu:0-3 fpga0}. */
  public List<String> resources() {
    return claims.stream().map(c -> c.resource().text()).toList();
  }

  private static OffsetDateTime at(Instant t, ZoneId zone) {
    return t.atZone(zone).toOffsetDateTime();
  }
}
