package org.hosthog.notify.wall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;

/**
 * The text of each event's message, e.g. {@code hosthog: alice claimed the whole host EXCLUSIVELY
 * 20:20–20:35 (in 5 min): "reboot" — hosthog show 42}.
 */
final class WallMessages {
  private final ZoneId zone;
  private final WallText text;

  WallMessages(ZoneId zone) {
    this.zone = zone;
    this.text = new WallText(zone);
  }

  /** The message of {@code event}, if it is one people are told of. */
  Optional<Broadcast> of(HostEvent event, Instant now) {
    if (event instanceof HostEvent.Created e) {
      return Optional.of(created(e, now));
    }
    if (event instanceof HostEvent.Changed e) {
      return Optional.of(changed(e, now));
    }
    if (event instanceof HostEvent.Released e) {
      return Optional.of(released(e, now));
    }
    if (event instanceof HostEvent.SeriesChanged e) {
      return Optional.of(SeriesNotice.of(e, zone));
    }
    if (event instanceof HostEvent.StartingSoon e) {
      return Optional.of(startingSoon(e, now));
    }
    if (event instanceof HostEvent.EndingSoon e) {
      return Optional.of(endingSoon(e, now));
    }
    if (event instanceof HostEvent.GpuIdle e) {
      return Optional.of(gpuIdle(e, now));
    }
    if (event instanceof HostEvent.UnclaimedGpuUse e) {
      return Optional.of(unclaimedGpuUse(e, now));
    }
    return Optional.empty(); // starts, ends and midnight change nothing people must act on
  }

  private Broadcast created(HostEvent.Created e, Instant now) {
    Reservation r = e.reservation();
    return new Broadcast(
        WallText.clean(
            "hosthog: "
                + WallText.label(r.owner(), e.via())
                + " claimed "
                + WallText.what(r)
                + " "
                + text.span(r, now)
                + ": \""
                + r.message()
                + "\""
                + WallText.despite(e.overridden())
                + " — hosthog show "
                + r.id()),
        WallText.wholeHostExclusive(r) && r.start().isBefore(now.plus(Duration.ofMinutes(30)))
            ? Broadcast.Audience.URGENT
            : Broadcast.Audience.ROUTINE,
        r.owner());
  }

  private Broadcast changed(HostEvent.Changed e, Instant now) {
    Reservation r = e.reservation();
    String who =
        e.actor().equals(r.owner())
            ? WallText.label(r.owner(), e.via()) + " changed"
            : WallText.label(e.actor(), e.via()) + " changed " + r.owner() + "'s";
    return new Broadcast(
        WallText.clean(
            "hosthog: "
                + who
                + " reservation "
                + r.id()
                + ": "
                + WallText.what(r)
                + " "
                + text.span(r, now)
                + ": \""
                + r.message()
                + "\""
                + WallText.despite(e.overridden())),
        Broadcast.Audience.ROUTINE,
        r.owner());
  }

  private Broadcast released(HostEvent.Released e, Instant now) {
    Reservation r = e.reservation();
    String who =
        e.actor().equals(r.owner())
            ? WallText.label(r.owner(), e.via())
            : WallText.label(e.actor(), e.via()) + " (for " + r.owner() + ")";
    boolean started = !r.start().isAfter(e.at());
    return new Broadcast(
        WallText.clean(
            "hosthog: "
                + who
                + (started ? " released " : " cancelled ")
                + WallText.what(r)
                + " (reservation "
                + r.id()
                + ")"),
        Broadcast.Audience.ROUTINE,
        r.owner());
  }

  private Broadcast startingSoon(HostEvent.StartingSoon e, Instant now) {
    Reservation r = e.reservation();
    boolean urgent = WallText.wholeHostExclusive(r);
    return new Broadcast(
        WallText.clean(
            "hosthog: in "
                + WallText.minutes(r.start(), now)
                + " ("
                + WallText.TIME.format(r.start().atZone(zone))
                + ") "
                + r.owner()
                + " takes "
                + WallText.what(r)
                + " until "
                + text.end(r.end(), now)
                + ": \""
                + r.message()
                + "\""
                + (urgent ? ". Save your work." : "")),
        urgent ? Broadcast.Audience.URGENT : Broadcast.Audience.ROUTINE,
        r.owner());
  }

  private Broadcast endingSoon(HostEvent.EndingSoon e, Instant now) {
    Reservation r = e.reservation();
    return new Broadcast(
        WallText.clean(
            "hosthog: your reservation "
                + r.id()
                + " ("
                + r.resourcesText()
                + ") ends "
                + text.end(r.end(), now)
                + " (in "
                + WallText.minutes(r.end(), now)
                + "). To keep it: hosthog extend "
                + r.id()
                + " --by 1h"),
        Broadcast.Audience.OWNER,
        r.owner());
  }

  private Broadcast gpuIdle(HostEvent.GpuIdle e, Instant now) {
    Reservation r = e.reservation();
    return new Broadcast(
        WallText.clean(
            "hosthog: gpu:"
                + e.gpu()
                + " of your reservation "
                + r.id()
                + (e.utilizationPercent().isPresent()
                    ? " has been nearly idle (at "
                        + e.utilizationPercent().getAsInt()
                        + " %) since "
                    : " has had no process since ")
                + text.time(e.idleSince(), now)
                + ". If you are done with it: hosthog release "
                + r.id()),
        Broadcast.Audience.OWNER,
        r.owner());
  }

  private Broadcast unclaimedGpuUse(HostEvent.UnclaimedGpuUse e, Instant now) {
    return new Broadcast(
        WallText.clean(
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
        e.user());
  }

  /**
   * One broadcast for several changes, e.g. {@code hosthog: alice made 37 claims (gpu:0, Fri 09:00
   * – Mon 18:00), bob released 2 — hosthog list}: every change counted, grouped by who made it.
   */
  Broadcast summary(List<? extends HostEvent.ByActor> changes) {
    Map<String, List<HostEvent.ByActor>> byWho = new LinkedHashMap<>();
    for (HostEvent.ByActor c : changes) {
      byWho.computeIfAbsent(WallText.label(c.actor(), c.via()), k -> new ArrayList<>()).add(c);
    }
    List<String> parts = new ArrayList<>();
    byWho.forEach((who, theirs) -> parts.add(who + " " + String.join(", ", counts(theirs))));
    String owner = changes.get(0).reservation().owner();
    return new Broadcast(
        WallText.clean("hosthog: " + String.join("; ", parts) + " — hosthog list"),
        Broadcast.Audience.ROUTINE,
        owner);
  }

  private List<String> counts(List<HostEvent.ByActor> changes) {
    List<Reservation> claims = new ArrayList<>();
    int changed = 0;
    int released = 0;
    int cancelled = 0;
    for (HostEvent.ByActor c : changes) {
      if (c instanceof HostEvent.SeriesChanged s) { // a series counts as what it did to each
        switch (s.kind()) {
          case CREATED -> claims.addAll(s.occurrences());
          case CHANGED -> changed += s.occurrences().size();
          case RELEASED -> cancelled += s.occurrences().size();
        }
      } else if (c instanceof HostEvent.Created e) {
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
    return what
        + ", "
        + WallText.DAY_TIME.format(first.atZone(zone))
        + " – "
        + text.end(last, first);
  }
}
