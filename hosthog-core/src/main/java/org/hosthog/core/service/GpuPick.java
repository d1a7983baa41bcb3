package org.hosthog.core.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hosthog.api.AnyGpus;
import org.hosthog.api.Claim;
import org.hosthog.api.IndexSet;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;

/**
 * Which GPUs "any N GPUs" takes: those no other owner's claim holds at any moment of the span (the
 * conflict rules decide, so a shared claim may join a shared one), in the order of preference.
 */
final class GpuPick {
  private GpuPick() {}

  /** The order to try GPUs 0..gpus-1 in: the preferred ones first, then the rest by index. */
  static List<Integer> order(AnyGpus any, int gpus) {
    Set<Integer> order = new LinkedHashSet<>();
    any.preference().stream().filter(i -> i >= 0 && i < gpus).forEach(order::add);
    for (int i = 0; i < gpus; i++) {
      order.add(i);
    }
    return List.copyOf(order);
  }

  /**
   * The GPUs free for the whole span of the claim {@code draft} makes (of the claims given), in the
   * order of preference; those the owner holds already in another reservation of the span come last
   * (their own claims never conflict, but a second run wants a GPU of its own).
   */
  static List<Integer> free(
      Function<List<Claim>, Reservation> draft,
      AnyGpus any,
      int gpus,
      List<Reservation> overlapping) {
    List<Integer> free = new ArrayList<>();
    List<Integer> ownAlready = new ArrayList<>();
    for (int i : order(any, gpus)) {
      Reservation probe = draft.apply(List.of(claim(List.of(i), any)));
      if (ConflictRules.conflictsOf(probe, overlapping).isEmpty()) {
        int gpu = i;
        boolean own =
            overlapping.stream()
                .filter(r -> r.owner().equals(probe.owner()))
                .anyMatch(r -> r.holdsGpu(gpu));
        (own ? ownAlready : free).add(i);
      }
    }
    free.addAll(ownAlready);
    return free;
  }

  /** The reservations holding the GPUs that are not free: why fewer than asked are. */
  static List<Reservation> holders(
      Function<List<Claim>, Reservation> draft,
      AnyGpus any,
      List<Integer> held,
      List<Reservation> overlapping) {
    return ConflictRules.conflictsOf(draft.apply(List.of(claim(held, any))), overlapping);
  }

  /** One claim of GPUs {@code indices}, in {@code any}'s mode. */
  static Claim claim(List<Integer> indices, AnyGpus any) {
    return new Claim(
        new Resource.Gpus(IndexSet.of(indices.stream().mapToInt(Integer::intValue).toArray())),
        any.mode());
  }
}
