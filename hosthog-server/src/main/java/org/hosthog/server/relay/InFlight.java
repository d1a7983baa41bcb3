package org.hosthog.server.relay;

import java.util.HashMap;
import java.util.Map;
import org.hosthog.server.http.ApiError;

/**
 * How many web requests wait for a host's answer, per user, per host and in all. A request waits on
 * one of the server's threads, so these caps keep a flood at a dead host (or from one user) from
 * taking the threads every other page and host needs: beyond a cap the answer is a 503 with {@code
 * Retry-After}, at once.
 */
final class InFlight {
  static final int PER_USER = 4;
  static final int PER_HOST = 16;
  static final int IN_ALL = 64;

  private final Map<String, Integer> users = new HashMap<>();
  private final Map<String, Integer> hosts = new HashMap<>();
  private int all;

  /**
   * Takes a place for {@code user}'s request to {@code host}; release it with {@link #release}.
   *
   * @throws ApiError 503 with Retry-After when a cap is reached
   */
  synchronized void acquire(String user, String host) {
    if (users.getOrDefault(user, 0) >= PER_USER) {
      throw ApiError.busy(
          user + " has " + PER_USER + " requests waiting for hosts' answers already; try again", 5);
    }
    if (hosts.getOrDefault(host, 0) >= PER_HOST) {
      throw ApiError.busy(
          host
              + " has "
              + PER_HOST
              + " requests waiting for its answer already (is it slow, or gone?); try again",
          5);
    }
    if (all >= IN_ALL) {
      throw ApiError.busy("this server waits for hosts' answers to many requests; try again", 5);
    }
    users.merge(user, 1, Integer::sum);
    hosts.merge(host, 1, Integer::sum);
    all++;
  }

  synchronized void release(String user, String host) {
    users.computeIfPresent(user, (k, n) -> n > 1 ? n - 1 : null);
    hosts.computeIfPresent(host, (k, n) -> n > 1 ? n - 1 : null);
    all--;
  }
}
