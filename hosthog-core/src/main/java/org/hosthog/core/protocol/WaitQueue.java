package org.hosthog.core.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.hosthog.api.Actor;
import org.hosthog.api.Resource;
import org.hosthog.api.Text;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.Request;
import org.hosthog.wire.WaitResult;
import org.hosthog.wire.Waiter;

/**
 * Claims that wait until they can be made ({@code hosthog run --wait}), first come first served
 * among those that want a part of the same resources: while someone waits ahead for resources the
 * caller's claim overlaps, it is not even tried; a waiter for other resources never holds it back.
 * A user holds one place per request (asking again for the same claim keeps the place). A waiter
 * who stops asking (Ctrl-C, a killed client) loses the place after {@link #GONE_AFTER}.
 */
final class WaitQueue {
  /** A waiter not heard from for this long has stopped waiting. */
  static final Duration GONE_AFTER = Duration.ofSeconds(10);

  private record Place(
      String user, Request.Claim claim, String what, Instant since, Instant lastAsked) {}

  private final ReservationOps ops;
  private final Clock clock;
  private final ZoneId zone;
  private final TreeMap<Long, Place> places = new TreeMap<>();
  private long nextTicket = 1;

  WaitQueue(ReservationOps ops, Clock clock, ZoneId zone) {
    this.ops = ops;
    this.clock = clock;
    this.zone = zone;
  }

  /** Tries {@code w}'s claim if nobody waits ahead; keeps the place if it cannot be made yet. */
  synchronized WaitResult wait(Actor actor, Request.Wait w) {
    Instant now = clock.instant();
    forgetTheGone(now);
    long ticket =
        w.ticket()
            .filter(t -> places.containsKey(t) && places.get(t).user().equals(actor.user()))
            .or(() -> placeOf(actor.user(), w.claim()))
            .orElseGet(() -> nextTicket++);
    Place before = places.get(ticket);
    places.put(
        ticket,
        new Place(
            actor.user(),
            w.claim(),
            before != null ? before.what() : describe(w.claim()),
            before != null ? before.since() : now,
            now));
    List<Resource> wanted = resources(w.claim());
    int ahead =
        (int)
            places.headMap(ticket).values().stream()
                .filter(p -> overlap(wanted, resources(p.claim())))
                .count();
    if (ahead > 0) {
      return new WaitResult(Optional.empty(), ticket, ahead);
    }
    try {
      Granted granted = ops.claim(actor, w.claim());
      places.remove(ticket);
      return new WaitResult(Optional.of(granted), ticket, 0);
    } catch (Refusal r) {
      if (r.failure().code() == ErrorCode.CONFLICT) {
        return new WaitResult(Optional.empty(), ticket, 0);
      }
      places.remove(ticket); // over a limit, bad input...: waiting will not help
      throw r;
    }
  }

  /** Who waits, first first. */
  synchronized List<Waiter> waiting() {
    forgetTheGone(clock.instant());
    List<Waiter> out = new ArrayList<>();
    places.forEach(
        (ticket, p) ->
            out.add(
                new Waiter(ticket, p.user(), p.what(), p.since().atZone(zone).toOffsetDateTime())));
    return out;
  }

  /** The place {@code user} already holds for the same claim, if any. */
  private Optional<Long> placeOf(String user, Request.Claim claim) {
    return places.entrySet().stream()
        .filter(e -> e.getValue().user().equals(user) && e.getValue().claim().equals(claim))
        .map(java.util.Map.Entry::getKey)
        .findFirst();
  }

  /**
   * What a claim may take: its resources, any GPU for {@code --gpus N}, the whole host for what
   * cannot be read (so it waits behind everyone, as before).
   */
  private static List<Resource> resources(Request.Claim c) {
    if (c.gpus().isPresent()) {
      return List.of(Resource.parse("gpu"));
    }
    List<Resource> out = new ArrayList<>();
    for (String text : c.resources()) {
      try {
        out.add(Resource.parse(text));
      } catch (RuntimeException e) {
        return List.of(Resource.parse("host"));
      }
    }
    return out;
  }

  private static boolean overlap(List<Resource> a, List<Resource> b) {
    return a.stream().anyMatch(x -> b.stream().anyMatch(x::overlaps));
  }

  private void forgetTheGone(Instant now) {
    places.values().removeIf(p -> p.lastAsked().plus(GONE_AFTER).isBefore(now));
  }

  private static String describe(Request.Claim c) {
    String what =
        c.gpus().map(n -> n + (n == 1 ? " GPU" : " GPUs")).orElse(String.join(" ", c.resources()));
    return what + ": " + Text.sanitize(c.message());
  }
}
