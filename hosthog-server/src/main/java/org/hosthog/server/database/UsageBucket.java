package org.hosthog.server.database;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hosthog.api.Text;
import org.hosthog.server.http.ApiError;

/**
 * Five minutes of one host's usage samples, as its daemon pushes them: per GPU and user how long a
 * process ran, how long a claim sat idle and how long a process ran on a GPU nobody claimed; and
 * the host's mean load and who was logged in.
 *
 * <p>A bucket is complete when pushed and never changes, so storing it again replaces it: a retry
 * counts nothing twice.
 *
 * @param start the start, a multiple of {@link #LENGTH} since the epoch
 * @param sampled how long the daemon watched in this bucket
 * @param load the mean one-minute load average
 * @param sessions the users logged in during the bucket
 * @param rows what ran on the GPUs
 */
public record UsageBucket(
    Instant start, Duration sampled, double load, Set<String> sessions, List<Row> rows) {
  public static final Duration LENGTH = Duration.ofMinutes(5);
  private static final String USER_NAME = "[A-Za-z0-9._][A-Za-z0-9._@-]{0,63}|\\?";
  private static final int MAX_GPUS = 1024;

  public UsageBucket {
    sessions = Set.copyOf(sessions);
    rows = List.copyOf(rows);
  }

  /**
   * GPU {@code gpu}'s time for {@code user}: running a process ({@code used}), holding a claim with
   * no process on the GPU ({@code idle}), running a process on a GPU nobody claimed ({@code
   * unclaimed}, a part of {@code used}). In milliseconds.
   */
  public record Row(int gpu, String user, long usedMs, long idleMs, long unclaimedMs) {}

  /**
   * Reads one bucket of a push.
   *
   * @throws ApiError 400 naming what is wrong
   */
  public static UsageBucket parse(JsonElement e) {
    if (!e.isJsonObject()) {
      throw bad("each of 'usage' is an object, got " + Text.sanitize(abbreviated(e)));
    }
    JsonObject o = e.getAsJsonObject();
    Instant start = start(o);
    long lengthMs = LENGTH.toMillis();
    long sampled = number(o, "sampled_ms", 0, lengthMs);
    double load = o.has("load") ? decimal(o, "load") : 0;
    Set<String> sessions = new HashSet<>();
    for (JsonElement s : array(o, "sessions", 10_000)) {
      sessions.add(userName(s, "sessions"));
    }
    List<Row> rows = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (JsonElement r : array(o, "gpus", MAX_GPUS * 16)) {
      if (!r.isJsonObject()) {
        throw bad("each of 'gpus' is an object");
      }
      JsonObject g = r.getAsJsonObject();
      Row row =
          new Row(
              (int) number(g, "gpu", 0, MAX_GPUS - 1),
              userName(g.get("user"), "user"),
              number(g, "used_ms", 0, lengthMs),
              number(g, "idle_ms", 0, lengthMs),
              number(g, "unclaimed_ms", 0, lengthMs));
      if (row.unclaimedMs() > row.usedMs()) {
        throw bad("'unclaimed_ms' is a part of 'used_ms', so never more");
      }
      if (!keys.add(row.gpu() + "/" + row.user())) {
        throw bad("GPU " + row.gpu() + " and user " + row.user() + " appear twice in one bucket");
      }
      rows.add(row);
    }
    return new UsageBucket(start, Duration.ofMillis(sampled), load, sessions, rows);
  }

  private static Instant start(JsonObject o) {
    Instant start;
    try {
      start = Instant.parse(o.get("start").getAsString());
    } catch (RuntimeException e) {
      throw bad("'start' must be a UTC time such as \"2026-12-02T09:05:00Z\"");
    }
    if (start.toEpochMilli() % LENGTH.toMillis() != 0) {
      throw bad("'start' must be on a " + LENGTH.toMinutes() + "-minute boundary, got " + start);
    }
    return start;
  }

  private static JsonArray array(JsonObject o, String key, int max) {
    JsonElement a = o.get(key);
    if (a == null || a.isJsonNull()) {
      return new JsonArray();
    }
    if (!a.isJsonArray() || a.getAsJsonArray().size() > max) {
      throw bad("'" + key + "' must be an array of at most " + max);
    }
    return a.getAsJsonArray();
  }

  private static long number(JsonObject o, String key, long min, long max) {
    try {
      long v = o.get(key).getAsJsonPrimitive().getAsBigDecimal().longValueExact();
      if (v >= min && v <= max) {
        return v;
      }
    } catch (RuntimeException e) {
      // below
    }
    throw bad("'" + key + "' must be a whole number from " + min + " to " + max);
  }

  private static double decimal(JsonObject o, String key) {
    try {
      double v = o.get(key).getAsDouble();
      if (Double.isFinite(v) && v >= 0 && v < 1e6) {
        return v;
      }
    } catch (RuntimeException e) {
      // below
    }
    throw bad("'" + key + "' must be a number from 0");
  }

  private static String userName(JsonElement e, String key) {
    if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      String s = e.getAsString();
      if (s.matches(USER_NAME)) {
        return s;
      }
    }
    throw bad("'" + key + "' holds something that is not a user name: " + abbreviated(e));
  }

  private static String abbreviated(JsonElement e) {
    String s = String.valueOf(e);
    return Text.sanitize(s.length() > 60 ? s.substring(0, 60) + "…" : s);
  }

  private static ApiError bad(String why) {
    return ApiError.badRequest("a usage bucket was refused: " + why + ". Nothing was stored");
  }
}
