package org.hosthog.notify.wall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.Text;

/**
 * The text of each event's message, e.g. {@code hosthog: alice claimed the whole host EXCLUSIVELY
 * 20:20–20:35 (in 5 min): "reboot" — hosthog show 42}.
 */
final class WallMessages {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final ZoneId zone;

  WallMessages(ZoneId zone) {
    this.zone = zone;
  }

  Optional<Broadcast> of(HostEvent event, Instant now) {
    if (event instanceof HostEvent.Created e) {
      Reservation r = e.reservation();
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: "
                      + label(r.owner(), e.via())
                      + " claimed "
                      + what(r)
                      + " "
                      + span(r, now)
                      + ": \""
                      + r.message()
                      + "\""
                      + despite(e.overridden())
                      + " — hosthog show "
                      + r.id()),
              wholeHostExclusive(r) && r.start().isBefore(now.plus(Duration.ofMinutes(30)))
                  ? Broadcast.Audience.URGENT
                  : Broadcast.Audience.ROUTINE,
              r.owner()));
    }
    if (event instanceof HostEvent.Changed e) {
      Reservation r = e.reservation();
      String who =
          e.actor().equals(r.owner())
              ? label(r.owner(), e.via()) + " changed"
              : label(e.actor(), e.via()) + " changed " + r.owner() + "'s";
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: "
                      + who
                      + " reservation "
                      + r.id()
                      + ": "
                      + what(r)
                      + " "
                      + span(r, now)
                      + ": \""
                      + r.message()
                      + "\""
                      + despite(e.overridden())),
              Broadcast.Audience.ROUTINE,
              r.owner()));
    }
    if (event instanceof HostEvent.Released e) {
      Reservation r = e.reservation();
      String who =
          e.actor().equals(r.owner())
              ? label(r.owner(), e.via())
              : label(e.actor(), e.via()) + " (for " + r.owner() + ")";
      boolean started = !r.start().isAfter(e.at());
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: "
                      + who
                      + (started ? " released " : " cancelled ")
                      + what(r)
                      + " (reservation "
                      + r.id()
                      + ")"),
              Broadcast.Audience.ROUTINE,
              r.owner()));
    }
    if (event instanceof HostEvent.StartingSoon e) {
      Reservation r = e.reservation();
      boolean urgent = wholeHostExclusive(r);
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: in "
                      + minutes(r.start(), now)
                      + " ("
                      + TIME.format(r.start().atZone(zone))
                      + ") "
                      + r.owner()
                      + " takes "
                      + what(r)
                      + " until "
                      + end(r.end(), now)
                      + ": \""
                      + r.message()
                      + "\""
                      + (urgent ? ". Save your work." : "")),
              urgent ? Broadcast.Audience.URGENT : Broadcast.Audience.ROUTINE,
              r.owner()));
    }
    if (event instanceof HostEvent.EndingSoon e) {
      Reservation r = e.reservation();
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: your reservation "
                      + r.id()
                      + " ("
                      + r.resourcesText()
                      + ") ends "
                      + end(r.end(), now)
                      + " (in "
                      + minutes(r.end(), now)
                      + "). To keep it: hosthog extend "
                      + r.id()
                      + " --by 1h"),
              Broadcast.Audience.OWNER,
              r.owner()));
    }
    if (event instanceof HostEvent.GpuIdle e) {
      Reservation r = e.reservation();
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: gpu:"
                      + e.gpu()
                      + " of your reservation "
                      + r.id()
                      + " has had no process since "
                      + time(e.idleSince(), now)
                      + ". If you are done with it: hosthog release "
                      + r.id()),
              Broadcast.Audience.OWNER,
              r.owner()));
    }
    if (event instanceof HostEvent.UnclaimedGpuUse e) {
      return Optional.of(
          new Broadcast(
              clean(
                  "hosthog: your process "
                      + e.pid()
                      + " ("
                      + e.command()
                      + ") runs on gpu:"
                      + e.gpu()
                      + ", which nobody has claimed. Tell the others: hosthog claim gpu:"
                      + e.gpu()
                      + " --for 4h -m \"...\""),
              Broadcast.Audience.OWNER,
              e.user()));
    }
    return Optional.empty(); // starts, ends and midnight change nothing people must act on
  }

  /**
   * One broadcast for several changes, e.g. {@code hosthog: alice made 37 claims (gpu:0, Fri 09:00
   * – Mon 18:00), bob released 2 — hosthog list}: every change counted, grouped by who made it.
   */
  Broadcast summary(List<? extends HostEvent.ByActor> changes) {
    Map<String, List<HostEvent.ByActor>> byWho = new LinkedHashMap<>();
    for (HostEvent.ByActor c : changes) {
      byWho.computeIfAbsent(label(c.actor(), c.via()), k -> new ArrayList<>()).add(c);
    }
    List<String> parts = new ArrayList<>();
    byWho.forEach((who, theirs) -> parts.add(who + " " + String.join(", ", counts(theirs))));
    String owner = changes.get(0).reservation().owner();
    return new Broadcast(
        clean("hosthog: " + String.join("; ", parts) + " — hosthog list"),
        Broadcast.Audience.ROUTINE,
        owner);
  }

  private List<String> counts(List<HostEvent.ByActor> changes) {
    List<Reservation> claims = new ArrayList<>();
    int changed = 0;
    int released = 0;
    int cancelled = 0;
    for (HostEvent.ByActor c : changes) {
      if (c instanceof HostEvent.Created e) {
        claims.add(e.reservation());
      } else if (c instanceof HostEvent.Changed) {
        changed++;
      } else if (!c.reservation().start().isAfter(c.at())) {
        released++;
      } else {
        cancelled++;
      }
    }
    List<String> out = new ArrayList<>();
    if (!claims.isEmpty()) {
      out.add(
          "made "
              + claims.size()
              + (claims.size() == 1 ? " claim (" : " claims (")
              + claimed(claims)
              + ")");
    }
    if (changed > 0) {
      out.add("changed " + changed);
    }
    if (released > 0) {
      out.add("released " + released);
    }
    if (cancelled > 0) {
      out.add("cancelled " + cancelled);
    }
    return out;
  }

  /**
   * What a set of claims covers: their resources (the first few) and from the first start to the
   * last end.
   */
  private String claimed(List<Reservation> claims) {
    List<String> resources = claims.stream().map(Reservation::resourcesText).distinct().toList();
    String what =
        resources.size() <= 3
            ? String.join(" ", resources)
            : String.join(" ", resources.subList(0, 3)) + " …";
    Instant first = claims.stream().map(Reservation::start).min(Instant::compareTo).orElseThrow();
    Instant last = claims.stream().map(Reservation::end).max(Instant::compareTo).orElseThrow();
    // the end shows its day only when it is not the first start's day
    return what + ", " + DAY_TIME.format(first.atZone(zone)) + " – " + end(last, first);
  }

  /** Who made a change, and through what when it was not them directly: "alice (via calendar)". */
  private static String label(String who, Optional<String> via) {
    return who + via.map(v -> " (via " + v + ")").orElse("");
  }

  private static String despite(List<Reservation> overridden) {
    if (overridden.isEmpty()) {
      return "";
    }
    return " despite "
        + overridden.stream()
            .map(o -> o.owner() + "'s " + o.resourcesText() + " (" + o.id() + ")")
            .collect(Collectors.joining(", "));
  }

  private static boolean wholeHostExclusive(Reservation r) {
    return r.claims().stream().anyMatch(c -> c.isWholeHost() && c.isExclusive());
  }

  private static String what(Reservation r) {
    if (wholeHostExclusive(r)) {
      return "the whole host EXCLUSIVELY";
    }
    return r.claims().stream()
        .map(
            c ->
                c.isWholeHost()
                    ? "the host (shared)"
                    : c.resource().text() + (c.isExclusive() ? "" : " (shared)"))
        .collect(Collectors.joining(", "));
  }

  private String span(Reservation r, Instant now) {
    if (!r.start().isAfter(now)) {
      return "until " + end(r.end(), now);
    }
    return time(r.start(), now) + "–" + end(r.end(), now) + " (in " + minutes(r.start(), now) + ")";
  }

  private String time(Instant t, Instant now) {
    ZonedDateTime z = t.atZone(zone);
    return z.toLocalDate().equals(now.atZone(zone).toLocalDate())
        ? TIME.format(z)
        : DAY_TIME.format(z);
  }

  private String end(Instant t, Instant now) {
    ZonedDateTime z = t.atZone(zone);
    return z.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? time(t.minusSeconds(60), now)
        : time(t, now);
  }

  static String minutes(Instant t, Instant now) {
    long min = Math.max(0, (Duration.between(now, t).getSeconds() + 59) / 60);
    if (min < 90) {
      return min + " min";
    }
    long hours = min / 60;
    return hours < 48 ? hours + " h" : (hours + 12) / 24 + " days";
  }

  private static String clean(String text) {
    return Text.sanitize(text);
  }
}
