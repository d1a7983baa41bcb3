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
    Reservation after = plan.after();
    tx.update(after);
    tx.record(
        new Change(
            after.id(),
            now,
            actor.user(),
            Change.Kind.CHANGED,
            via(actor, differences(plan.current(), after))));
  }
}
