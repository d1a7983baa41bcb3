package org.hosthog.core.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hosthog.api.Reservation;

/** What a user asking for any N GPUs is told when fewer are free for the whole span. */
final class GpuShortage {
  private GpuShortage() {}

  /**
   * Why "any N GPUs" failed: which GPUs are free for the span, and when the held ones free up (the
   * end of the last claim holding each, earliest first).
   */
  static String message(
      int count,
      Instant start,
      Instant end,
      List<Reservation> holders,
      int gpus,
      ZoneId zone,
      Instant now) {
    Map<Integer, Reservation> lastHolder = new TreeMap<>();
    for (Reservation r : holders) {
      for (int i = 0; i < gpus; i++) {
        if (r.holdsGpu(i)
            && (!lastHolder.containsKey(i) || lastHolder.get(i).end().isBefore(r.end()))) {
          lastHolder.put(i, r);
        }
      }
    }
    List<String> free = new ArrayList<>();
    for (int i = 0; i < gpus; i++) {
      if (!lastHolder.containsKey(i)) {
        free.add("gpu:" + i);
      }
    }
    StringBuilder s =
        new StringBuilder()
            .append(count)
            .append(count == 1 ? " GPU asked for, " : " GPUs asked for, ")
            .append(free.isEmpty() ? "none" : "only " + free.size())
            .append(" free from ")
            .append(clockTime(start, zone, now))
            .append(" until ")
            .append(clockTime(end, zone, now))
            .append(free.isEmpty() ? "" : " (" + String.join(" ", free) + ")");
    lastHolder.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Reservation::end)))
        .forEach(
            e ->
                s.append("; gpu:")
                    .append(e.getKey())
                    .append(" frees up at ")
                    .append(clockTime(e.getValue().end(), zone, now))
                    .append(" (reservation ")
                    .append(e.getValue().id())
                    .append(" of ")
                    .append(e.getValue().owner())
                    .append(')'));
    return s.append(". Ask for fewer, start later (--at), or wait for them.").toString();
  }

  private static String clockTime(Instant t, ZoneId zone, Instant now) {
    java.time.ZonedDateTime z = t.atZone(zone);
    java.time.ZonedDateTime today = now.atZone(zone);
    String hhmm = String.format("%02d:%02d", z.getHour(), z.getMinute());
    return z.toLocalDate().equals(today.toLocalDate()) ? hhmm : z.toLocalDate() + " " + hhmm;
  }
}
