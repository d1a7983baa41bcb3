package org.hosthog.api.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the fleet's usage statistics, as the state server computes them: GPU-hours of one user
 * or host in one period.
 *
 * @param who the user or host the row is about
 * @param period the first day of the day, week (from Monday) or month, in the server's time zone
 * @param claimed GPU-hours held by reservations (a running one counts up to now)
 * @param used GPU-hours a process ran on a GPU
 * @param idleClaimed GPU-hours claimed with no process on the GPU
 * @param unclaimed GPU-hours a process ran on a GPU nobody claimed (a part of {@code used})
 * @param busy used GPU-hours weighted by the GPU's utilisation (a part of {@code used}): an hour at
 *     25 % is a quarter of a busy hour
 */
public record FleetUsage(
    String who,
    LocalDate period,
    double claimed,
    double used,
    double idleClaimed,
    double unclaimed,
    double busy) {
  public FleetUsage {
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(period, "period");
  }
}
