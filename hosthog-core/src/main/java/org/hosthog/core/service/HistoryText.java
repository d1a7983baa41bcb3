package org.hosthog.core.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hosthog.api.Actor;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.Reservation;
import org.hosthog.api.State;
import org.hosthog.api.spi.StoreTransaction;

/** The details a reservation's history records for each change. */
final class HistoryText {
  private HistoryText() {}

  /** The history's detail, marked with what made the change when it was not the actor directly. */
  static String via(Actor actor, String detail) {
    return actor.via().map(v -> detail + " (via " + v + ")").orElse(detail);
  }

  static String describe(Reservation r) {
    return r.claims().stream().map(Claim::toString).collect(Collectors.joining(", "))
        + " from "
        + seconds(r.start())
        + " to "
        + seconds(r.end());
  }

  static Instant seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  static String differences(Reservation a, Reservation b) {
    List<String> parts = new ArrayList<>();
    if (!a.claims().equals(b.claims())) {
      parts.add("resources " + a.resourcesText() + " -> " + b.resourcesText());
    }
    if (!a.start().equals(b.start())) {
      parts.add("start " + seconds(a.start()) + " -> " + seconds(b.start()));
    }
    if (!a.end().equals(b.end())) {
      parts.add("end " + seconds(a.end()) + " -> " + seconds(b.end()));
    }
    if (!a.message().equals(b.message())) {
      parts.add("message changed");
    }
    return parts.isEmpty() ? "no change" : String.join("; ", parts);
  }

  /** Stores {@code plan}'s change and records it in the history. */
  static void store(StoreTransaction tx, Actor actor, EditPlan plan, Instant now) {
    tx.update(plan.after());
    record(
        tx,
        actor,
        plan.after().id(),
        Change.Kind.CHANGED,
        differences(plan.current(), plan.after()),
        now);
  }

  /**
   * Releases {@code r} at {@code now} (cancels it if it has not started) and records it, the
   * history's words followed by {@code context} (e.g. {@code , with the rest of its series}).
   */
  static Reservation release(
      StoreTransaction tx, Actor actor, Reservation r, Instant now, String context) {
    Reservation after = r.releasedAt(now, actor.user());
    tx.update(after);
    String what = r.state(now) == State.PLANNED ? "cancelled before its start" : "released early";
    record(tx, actor, r.id(), Change.Kind.RELEASED, what + context, now);
    return after;
  }

  /** Records that {@code actor} made a change of {@code kind} to reservation {@code id}. */
  static void record(
      StoreTransaction tx, Actor actor, long id, Change.Kind kind, String detail, Instant now) {
    tx.record(new Change(id, now, actor.user(), kind, via(actor, detail)));
  }
}
