package org.hosthog.wire.link;

import static org.hosthog.wire.link.LinkJson.abbreviated;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hosthog.wire.WireException;

/**
 * Five minutes of one host's usage samples, as its daemon pushes them (and keeps them until the
 * server has them): per GPU and user how long a process ran, how long a claim sat idle and how long
 * a process ran on a GPU nobody claimed; the host's mean load and who was logged in.
 *
 * <p>A bucket's start identifies it: storing it again replaces it, so a retry counts nothing twice.
 *
 * @param start the start, a multiple of {@link #LENGTH} since the epoch
 * @param sampled how long the daemon watched in this bucket
 * @param samples how many looks {@code load} is the mean of (the host resumes from it)
 * @param load the mean one-minute load average
 * @param sessions the users logged in during the bucket
 * @param gpus what ran on the GPUs
 */
public record UsageBucket(
    Instant start,
    Duration sampled,
    int samples,
    double load,
    Set<String> sessions,
    List<GpuTime> gpus) {
  public static final Duration LENGTH = Duration.ofMinutes(5);
  private static final int MAX_GPUS = 1024;

  public UsageBucket {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(sampled, "sampled");
    sessions = Set.copyOf(new TreeSet<>(sessions));
    gpus = List.copyOf(gpus);
  }

  /**
   * GPU {@code gpu}'s time for {@code user}: running a process ({@code usedMs}), holding a claim
   * with no process on the GPU ({@code idleMs}), running a process on a GPU nobody claimed ({@code
   * unclaimedMs}, a part of used), and the used time weighted by the GPU's utilisation ({@code
   * busyMs}, a part of used: an hour at 25 % is a quarter of a busy hour; 0 from a daemon that does
   * not sample utilisation). In milliseconds.
   */
  public record GpuTime(
      int gpu, String user, long usedMs, long idleMs, long unclaimedMs, long busyMs) {
    /** A time without utilisation (busy 0). */
    public GpuTime(int gpu, String user, long usedMs, long idleMs, long unclaimedMs) {
      this(gpu, user, usedMs, idleMs, unclaimedMs, 0);
    }
  }

  /** The bucket as the push carries it. */
  public String json() {
    return tree().toString();
  }

  JsonObject tree() {
    JsonObject o = new JsonObject();
    o.addProperty("start", start.toString());
    o.addProperty("sampled_ms", sampled.toMillis());
    o.addProperty("samples", samples);
    o.addProperty("load", load);
    JsonArray s = new JsonArray();
    new TreeSet<>(sessions).forEach(s::add);
    o.add("sessions", s);
    JsonArray g = new JsonArray();
    for (GpuTime t : gpus) {
      JsonObject r = new JsonObject();
      r.addProperty("gpu", t.gpu());
      r.addProperty("user", t.user());
      r.addProperty("used_ms", t.usedMs());
      r.addProperty("idle_ms", t.idleMs());
      r.addProperty("unclaimed_ms", t.unclaimedMs());
      r.addProperty("busy_ms", t.busyMs());
      g.add(r);
    }
    o.add("gpus", g);
    return o;
  }

  /**
   * The bucket a JSON object holds, checked: times within the bucket, user names, no GPU and user
   * twice.
   *
   * @throws WireException {@code bad_request} saying what is wrong
   */
  public static UsageBucket parse(String json) {
    return read(LinkJson.object(json, "a usage bucket"));
  }

  /**
   * Only the start of the bucket a JSON object holds (what identifies it), checked.
   *
   * @throws WireException {@code bad_request} if it has none
   */
  public static Instant startOf(String json) {
    return start(LinkJson.object(json, "a usage bucket"));
  }

  static UsageBucket read(JsonElement e) {
    if (!e.isJsonObject()) {
      throw bad("each of 'usage' is an object, got " + abbreviated(e));
    }
    JsonObject o = e.getAsJsonObject();
    Instant start = start(o);
    long lengthMs = LENGTH.toMillis();
    long sampled = number(o, "sampled_ms", 0, lengthMs);
    int samples = o.has("samples") ? (int) number(o, "samples", 0, 1_000_000) : 0;
    double load = o.has("load") ? decimal(o, "load") : 0;
    Set<String> sessions = new HashSet<>();
    for (JsonElement s : array(o, "sessions", 10_000)) {
      sessions.add(user(s, "sessions"));
    }
    List<GpuTime> gpus = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (JsonElement r : array(o, "gpus", MAX_GPUS * 16)) {
      if (!r.isJsonObject()) {
        throw bad("each of 'gpus' is an object");
      }
      JsonObject g = r.getAsJsonObject();
      GpuTime t =
          new GpuTime(
              (int) number(g, "gpu", 0, MAX_GPUS - 1),
              user(g.get("user"), "user"),
              number(g, "used_ms", 0, lengthMs),
              number(g, "idle_ms", 0, lengthMs),
              number(g, "unclaimed_ms", 0, lengthMs),
              g.has("busy_ms") ? number(g, "busy_ms", 0, lengthMs) : 0);
      if (t.unclaimedMs() > t.usedMs()) {
        throw bad("'unclaimed_ms' is a part of 'used_ms', so never more");
      }
      if (t.busyMs() > t.usedMs()) {
        throw bad("'busy_ms' is a part of 'used_ms', so never more");
      }
      if (!keys.add(t.gpu() + "/" + t.user())) {
        throw bad("GPU " + t.gpu() + " and user " + t.user() + " appear twice in one bucket");
      }
      gpus.add(t);
    }
    return new UsageBucket(start, Duration.ofMillis(sampled), samples, load, sessions, gpus);
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
    try {
      return LinkJson.array(o, key, max, "");
    } catch (WireException e) {
      throw bad("'" + key + "' must be an array of at most " + max);
    }
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

  private static String user(JsonElement e, String key) {
    String s;
    try {
      s = LinkJson.userName(e, "'" + key + "'");
    } catch (WireException x) {
      throw bad(x.getMessage());
    }
    if (!s.matches(LinkJson.USER_NAME + "|\\?")) {
      throw bad("'" + key + "' holds something that is not a user name: " + abbreviated(e));
    }
    return s;
  }

  private static WireException bad(String why) {
    return LinkJson.bad("a usage bucket was refused: " + why + ". Nothing was stored");
  }
}
