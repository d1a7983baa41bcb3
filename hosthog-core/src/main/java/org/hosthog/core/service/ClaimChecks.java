package org.hosthog.core.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hosthog.api.AnyGpus;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Inventory;
import org.hosthog.api.Outcome.Denied;
import org.hosthog.api.Outcome.Reason;
import org.hosthog.api.Resource;
import org.hosthog.api.Text;

/**
 * What a claim or a change must be before the store is asked: resources this host has, named once,
 * an end in the future and after the start, a message. The words of each refusal say what to do.
 */
final class ClaimChecks {
  /** Longest message kept; the rest is cut off (it is shown on terminals and in the motd). */
  static final int MAX_MESSAGE = 300;

  private final Inventory inventory;
  private final ZoneId zone;

  ClaimChecks(Inventory inventory, ZoneId zone) {
    this.inventory = inventory;
    this.zone = zone;
  }

  /** What "any N GPUs" cannot be asked with, and how many there are to pick from. */
  Optional<Denied> anyGpus(AnyGpus any, ClaimRequest request) {
    int gpus = inventory.gpus().size();
    if (gpus == 0) {
      return invalid(
          "this host has no GPUs; claimable here: "
              + String.join(", ", inventory.claimable())
              + Inventory.NO_GPUS_HINT);
    }
    if (any.count() > gpus) {
      return invalid(
          "this host has "
              + gpus
              + (gpus == 1 ? " GPU" : " GPUs")
              + " ("
              + inventory.claimable().get(1)
              + "); "
              + any.count()
              + " asks for more");
    }
    if (request.claims().stream().anyMatch(c -> c.resource() instanceof Resource.Gpus)) {
      return invalid("name the GPUs or ask for a number of them, not both");
    }
    if (request.force()) {
      return invalid(
          "--force does not pick GPUs: name the ones to announce (e.g. gpu:0) to record a"
              + " conflicting claim");
    }
    return Optional.empty();
  }

  Optional<Denied> validate(
      List<Claim> claims,
      boolean gpusToPick,
      Instant start,
      Instant end,
      String message,
      Instant now) {
    if (claims.isEmpty() && !gpusToPick) {
      return invalid(
          "name at least one resource to claim; claimable here: "
              + String.join(", ", inventory.claimable()));
    }
    for (int i = 0; i < claims.size(); i++) {
      Optional<String> problem = inventory.problemWith(claims.get(i).resource());
      if (problem.isPresent()) {
        return invalid(problem.get());
      }
      for (int j = 0; j < i; j++) {
        if (sameParts(claims.get(i).resource(), claims.get(j).resource())) {
          return invalid(
              claims.get(j).resource().text()
                  + " and "
                  + claims.get(i).resource().text()
                  + " overlap; name each resource once");
        }
      }
    }
    if (!end.isAfter(now)) {
      return invalid("the end " + local(end) + " is not in the future");
    }
    if (!end.isAfter(start)) {
      return invalid("the end " + local(end) + " is not after the start " + local(start));
    }
    if (clean(message).isBlank()) {
      return invalid("say why in a message (-m \"...\"): the others will read it");
    }
    return Optional.empty();
  }

  /** Whether two resources of one request name the same part twice ("host" goes with anything). */
  private static boolean sameParts(Resource a, Resource b) {
    boolean hostA = a instanceof Resource.Host;
    boolean hostB = b instanceof Resource.Host;
    return hostA || hostB ? hostA && hostB : a.overlaps(b);
  }

  static Optional<Denied> invalid(String message) {
    return Optional.of(new Denied(Reason.INVALID, message));
  }

  static String clean(String message) {
    String text = Text.sanitize(message).strip();
    return text.codePointCount(0, text.length()) <= MAX_MESSAGE
        ? text
        : text.substring(0, text.offsetByCodePoints(0, MAX_MESSAGE - 1)) + "…";
  }

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

  /**
   * A time in a message a person reads: the host's zone, to the minute ("Fri 4 Dec 2026 15:29").
   */
  String local(Instant t) {
    return LOCAL.format(t.atZone(zone));
  }
}
