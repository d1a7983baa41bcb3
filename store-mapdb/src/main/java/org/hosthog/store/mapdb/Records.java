package org.hosthog.store.mapdb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.Series;

/**
 * Reservations and changes as one string each: fields joined by U+001F, escaped so any text
 * survives.
 */
final class Records {
  private static final char SEP = '\u001f';

  private Records() {}

  static String encode(Reservation r) {
    StringBuilder claims = new StringBuilder();
    for (Claim c : r.claims()) {
      claims
          .append(claims.length() == 0 ? "" : " ")
          .append(c.resource().text())
          .append('=')
          .append(c.mode().text());
    }
    return join(
        Long.toString(r.id()),
        r.uuid().toString(),
        r.host(),
        r.owner(),
        claims.toString(),
        Long.toString(r.start().toEpochMilli()),
        Long.toString(r.end().toEpochMilli()),
        r.message(),
        Long.toString(r.created().toEpochMilli()),
        Long.toString(r.updated().toEpochMilli()),
        r.updatedBy(),
        r.released().map(t -> Long.toString(t.toEpochMilli())).orElse(""),
        r.series().map(x -> x.id().toString()).orElse(""),
        r.series().map(Series::every).orElse(""),
        r.series().map(x -> Long.toString(x.first().toEpochMilli())).orElse(""),
        r.series().map(x -> Integer.toString(x.index())).orElse(""),
        r.series().map(x -> Integer.toString(x.count())).orElse(""));
  }

  static Reservation reservation(String text) {
    List<String> f = split(text);
    List<Claim> claims = new ArrayList<>();
    for (String item : f.get(4).split(" ")) {
      int eq = item.lastIndexOf('=');
      claims.add(
          new Claim(Resource.parse(item.substring(0, eq)), Mode.parse(item.substring(eq + 1))));
    }
    return new Reservation(
        Long.parseLong(f.get(0)),
        UUID.fromString(f.get(1)),
        f.get(2),
        f.get(3),
        claims,
        ms(f.get(5)),
        ms(f.get(6)),
        f.get(7),
        ms(f.get(8)),
        ms(f.get(9)),
        f.get(10),
        f.get(11).isEmpty() ? Optional.empty() : Optional.of(ms(f.get(11))),
        series(f));
  }

  /** Records written before series existed have twelve fields: no series. */
  private static Optional<Series> series(List<String> f) {
    if (f.size() < 17 || f.get(12).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Series(
            UUID.fromString(f.get(12)),
            f.get(13),
            ms(f.get(14)),
            Integer.parseInt(f.get(15)),
            Integer.parseInt(f.get(16))));
  }

  static String encode(Change c) {
    return join(
        Long.toString(c.reservationId()),
        Long.toString(c.at().toEpochMilli()),
        c.actor(),
        c.kind().name(),
        c.detail());
  }

  static Change change(String text) {
    List<String> f = split(text);
    return new Change(
        Long.parseLong(f.get(0)), ms(f.get(1)), f.get(2), Change.Kind.valueOf(f.get(3)), f.get(4));
  }

  private static Instant ms(String s) {
    return Instant.ofEpochMilli(Long.parseLong(s));
  }

  private static String join(String... fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(SEP);
      }
      out.append(fields[i].replace("\\", "\\\\").replace(String.valueOf(SEP), "\\s"));
    }
    return out.toString();
  }

  private static List<String> split(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char n = text.charAt(++i);
        field.append(n == 's' ? SEP : n);
      } else if (c == SEP) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
