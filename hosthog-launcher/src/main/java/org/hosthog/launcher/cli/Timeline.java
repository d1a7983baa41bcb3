package org.hosthog.launcher.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hosthog.api.Claim;
import org.hosthog.api.IndexSet;
import org.hosthog.api.Inventory;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.text.Columns;

/**
 * A text Gantt chart of the coming days: one row per resource, claims as bars of their owner's
 * letter (upper case exclusive, lower case shared, {@code #} where several overlap), a legend,
 * "now" marked, fitted to a width.
 */
final class Timeline {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  static final char FREE = '·';

  private final Inventory inventory;
  private final ZoneId zone;

  Timeline(Inventory inventory, ZoneId zone) {
    this.inventory = inventory;
    this.zone = zone;
  }

  String render(List<Reservation> reservations, Instant now, int days, int width) {
    List<Resource> rows = rows();
    int label = rows.stream().mapToInt(r -> r.text().length()).max().orElse(4) + 2;
    int cols = Math.max(10, width - label);
    Instant start = now.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    Instant end = start.plus(Duration.ofDays(days));
    double slot = (double) Duration.between(start, end).toSeconds() / cols;
    Map<String, Character> letters = letters(reservations);

    StringBuilder out = new StringBuilder();
    out.append(
            Columns.fit(
                "Timeline "
                    + STAMP.format(start.atZone(zone))
                    + " – "
                    + STAMP.format(end.atZone(zone))
                    + ", one column = "
                    + span(slot),
                width))
        .append('\n');
    out.append(" ".repeat(label)).append(axis(start, slot, cols)).append('\n');
    char[] marker = " ".repeat(cols).toCharArray();
    int nowCol = (int) (Duration.between(start, now).toSeconds() / slot);
    if (nowCol >= 0 && nowCol < cols) {
      marker[nowCol] = '^';
    }
    String markerLine = new String(marker);
    if (nowCol >= 0 && nowCol + 4 < cols) {
      markerLine = markerLine.substring(0, nowCol + 1) + "now" + markerLine.substring(nowCol + 4);
    }
    for (Resource row : rows) {
      char[] cells = String.valueOf(FREE).repeat(cols).toCharArray();
      for (Reservation r : reservations) {
        for (Claim c : r.claims()) {
          if (!covers(c, row)) {
            continue;
          }
          char mark =
              c.isExclusive()
                  ? letters.get(r.owner())
                  : Character.toLowerCase(letters.get(r.owner()));
          int from =
              (int) Math.max(0, Math.floor(Duration.between(start, r.start()).toSeconds() / slot));
          int to =
              (int) Math.min(cols, Math.ceil(Duration.between(start, r.end()).toSeconds() / slot));
          for (int i = from; i < to; i++) {
            cells[i] =
                cells[i] == FREE || Character.toUpperCase(cells[i]) == Character.toUpperCase(mark)
                    ? mark
                    : '#';
          }
        }
      }
      out.append(pad(row.text(), label)).append(new String(cells)).append('\n');
    }
    out.append(" ".repeat(label)).append(markerLine.stripTrailing()).append('\n');
    out.append(legend(letters, reservations, width));
    return out.toString();
  }

  private List<Resource> rows() {
    List<Resource> rows = new ArrayList<>();
    rows.add(new Resource.Host());
    inventory.gpus().forEach(g -> rows.add(new Resource.Gpus(IndexSet.of(g.index()))));
    rows.add(new Resource.Cpus(IndexSet.all()));
    inventory.extra().forEach(n -> rows.add(new Resource.Named(n)));
    return rows;
  }

  /**
   * A claim shows on a row when it holds that part: an exclusive whole-host claim holds every row.
   */
  private static boolean covers(Claim c, Resource row) {
    if (row instanceof Resource.Host) {
      return c.isWholeHost();
    }
    return c.isWholeHost() ? c.isExclusive() : c.resource().overlaps(row);
  }

  private String axis(Instant start, double slot, int cols) {
    char[] axis = " ".repeat(cols).toCharArray();
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; i < 400; i++, day = day.plusDays(1)) {
      Instant midnight = day.atStartOfDay(zone).toInstant();
      int col = (int) Math.ceil(Duration.between(start, midnight).toSeconds() / slot);
      if (col >= cols) {
        break;
      }
      String text = "|" + DAY.format(day);
      int at = Math.max(0, col);
      if (midnight.isBefore(start)) {
        text = DAY.format(day);
      }
      for (int k = 0; k < text.length() && at + k < cols; k++) {
        axis[at + k] = text.charAt(k);
      }
    }
    return new String(axis).stripTrailing();
  }

  /** A letter per owner, in order of first appearance: the owner's initial if still free. */
  private static Map<String, Character> letters(List<Reservation> reservations) {
    Map<String, Character> letters = new LinkedHashMap<>();
    for (Reservation r : reservations) {
      if (letters.containsKey(r.owner())) {
        continue;
      }
      char pick = 0;
      for (char c :
          (r.owner() + "ABCDEFGHIJKLMNOPQRSTUVWXYZ").toUpperCase(Locale.ROOT).toCharArray()) {
        if (c >= 'A' && c <= 'Z' && !letters.containsValue(c)) {
          pick = c;
          break;
        }
      }
      letters.put(r.owner(), pick == 0 ? '?' : pick);
    }
    return letters;
  }

  private static String legend(
      Map<String, Character> letters, List<Reservation> reservations, int width) {
    if (letters.isEmpty()) {
      return "Nothing is claimed in this time.\n";
    }
    StringBuilder s =
        new StringBuilder(
            "Legend: " + FREE + " free, upper case exclusive, lower case shared, # several\n");
    for (Map.Entry<String, Character> e : letters.entrySet()) {
      List<String> ids =
          reservations.stream()
              .filter(r -> r.owner().equals(e.getKey()))
              .map(r -> Long.toString(r.id()))
              .toList();
      s.append(
              Columns.fit(
                  "  " + e.getValue() + "  " + e.getKey() + " (" + String.join(", ", ids) + ")",
                  width))
          .append('\n');
    }
    return s.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(1, width - s.length()));
  }

  private static String span(double seconds) {
    long minutes = Math.round(seconds / 60);
    return minutes < 60
        ? minutes + " min"
        : minutes % 60 == 0
            ? minutes / 60 + " h"
            : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
  }
}
