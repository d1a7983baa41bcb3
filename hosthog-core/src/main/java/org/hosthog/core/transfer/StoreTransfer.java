package org.hosthog.core.transfer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Change;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.StoreException;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ReservationView;

/**
 * Moves a host's data between stores: every reservation (with its id) and every line of its
 * history, as JSON lines. An import checks the whole file before it writes, writes in one
 * transaction, and only into an empty store, so it either moves everything or nothing.
 */
public final class StoreTransfer {
  public static final int FORMAT = 1;
  private static final Codec JSON = new Codec();

  private StoreTransfer() {}

  /** What was moved. */
  public record Counts(int reservations, int changes) {}

  public static Counts export(ReservationStore store, PrintWriter out) {
    List<Reservation> all = store.query(ReservationQuery.history());
    List<Change> changes = new ArrayList<>();
    all.forEach(r -> changes.addAll(store.history(r.id())));
    JsonObject header = new JsonObject();
    header.addProperty("hosthog_export", FORMAT);
    header.addProperty("reservations", all.size());
    header.addProperty("changes", changes.size());
    out.println(header);
    Instant now = Instant.now();
    for (Reservation r : all) {
      out.println(
          "{\"reservation\":" + JSON.compact(ReservationView.of(r, now, ZoneOffset.UTC)) + "}");
    }
    for (Change c : changes) {
      JsonObject change = new JsonObject();
      change.addProperty("reservation_id", c.reservationId());
      change.addProperty(
          "at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(c.at().atOffset(ZoneOffset.UTC)));
      change.addProperty("actor", c.actor());
      change.addProperty("kind", c.kind().name());
      change.addProperty("detail", c.detail());
      JsonObject line = new JsonObject();
      line.add("change", change);
      out.println(line);
    }
    out.flush();
    return new Counts(all.size(), changes.size());
  }

  /**
   * Reads an export into {@code store}.
   *
   * @throws StoreException naming the line if the file is not a complete hosthog export, or if the
   *     store is not empty; nothing is written then
   */
  public static Counts importInto(ReservationStore store, BufferedReader in) throws IOException {
    List<Reservation> reservations = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    JsonObject header = null;
    int number = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        if (header == null) {
          if (!o.has("hosthog_export") || o.get("hosthog_export").getAsInt() != FORMAT) {
            throw new StoreException(
                "line 1 is not the header of a hosthog export (format "
                    + FORMAT
                    + "); nothing was imported");
          }
          header = o;
        } else if (o.has("reservation")) {
          reservations.add(reservation(o.getAsJsonObject("reservation"), number));
        } else if (o.has("change")) {
          JsonObject c = o.getAsJsonObject("change");
          changes.add(
              new Change(
                  c.get("reservation_id").getAsLong(),
                  OffsetDateTime.parse(c.get("at").getAsString()).toInstant(),
                  c.get("actor").getAsString(),
                  Change.Kind.valueOf(c.get("kind").getAsString()),
                  c.get("detail").getAsString()));
        } else {
          throw new StoreException(
              "line " + number + " is neither a reservation nor a change; nothing was imported");
        }
      } catch (JsonParseException
          | IllegalStateException
          | IllegalArgumentException
          | NullPointerException
          | UnsupportedOperationException
          | java.time.format.DateTimeParseException e) {
        throw new StoreException(
            "line "
                + number
                + " of the export cannot be read ("
                + e.getMessage()
                + "); nothing was imported");
      }
    }
    if (header == null
        || header.get("reservations").getAsInt() != reservations.size()
        || header.get("changes").getAsInt() != changes.size()) {
      throw new StoreException(
          "the export is incomplete (its header promises more than it holds); nothing was imported");
    }
    store.write(
        tx -> {
          if (!tx.query(ReservationQuery.history().limitedTo(1)).isEmpty()) {
            throw new StoreException(
                "the target store already holds reservations; import only into an empty store");
          }
          reservations.forEach(tx::restore);
          changes.forEach(tx::record);
          return null;
        });
    return new Counts(reservations.size(), changes.size());
  }

  private static Reservation reservation(JsonObject o, int number) {
    try {
      return JSON.decodeReservation(o.toString()).toReservation();
    } catch (HosthogException e) {
      throw new StoreException(
          "line "
              + number
              + " of the export cannot be read ("
              + e.getMessage()
              + "); nothing was imported");
    }
  }
}
