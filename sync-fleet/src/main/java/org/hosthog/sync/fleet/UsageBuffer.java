package org.hosthog.sync.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hosthog.api.support.AtomicFile;
import org.hosthog.wire.link.UsageBucket;

/**
 * The usage buckets the server has not taken yet, oldest first, kept in a file so a restart loses
 * none. Bounded: when the server has been away so long that more than {@code capacity} wait, the
 * oldest are dropped, and how many is logged. A bucket pushed again replaces its earlier version
 * (the open bucket is pushed as it grows); an acknowledgement removes a bucket only if it is still
 * the version that was pushed.
 *
 * <p>Thread-safe: the sampler adds, the push loop takes and acknowledges.
 */
final class UsageBuffer {
  private static final System.Logger LOG = System.getLogger(UsageBuffer.class.getName());

  private final Path file;
  private final int capacity;
  private final TreeMap<String, String> waiting = new TreeMap<>(); // start (ISO, sorts) -> bucket
  private long dropped;

  private UsageBuffer(Path file, int capacity) {
    this.file = file;
    this.capacity = capacity;
  }

  static UsageBuffer load(Path file, int capacity) {
    UsageBuffer b = new UsageBuffer(file, capacity);
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        try {
          b.waiting.put(start(line), line);
        } catch (RuntimeException e) {
          // a damaged line (a crash mid-write cannot cause one: the file is replaced atomically)
        }
      }
    } catch (NoSuchFileException e) {
      // nothing waits
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot read " + file + " (" + e.getMessage() + "); usage samples in it are lost");
    }
    return b;
  }

  private static String start(String bucket) {
    return UsageBucket.startOf(bucket).toString();
  }

  /** Adds (or replaces) {@code bucket}; drops the oldest beyond the capacity. */
  synchronized void put(String bucket) {
    waiting.put(start(bucket), bucket);
    int over = waiting.size() - capacity;
    for (int i = 0; i < over; i++) {
      waiting.pollFirstEntry();
    }
    if (over > 0) {
      dropped += over;
      LOG.log(
          System.Logger.Level.WARNING,
          "the state server has not taken usage samples for a long time: dropped the oldest "
              + over
              + " five-minute bucket(s) ("
              + dropped
              + " since start); [sync.fleet] usage_buffer keeps more");
    }
    save();
  }

  /** Up to {@code max} waiting buckets, oldest first. */
  synchronized List<String> oldest(int max) {
    return new ArrayList<>(waiting.values()).subList(0, Math.min(max, waiting.size()));
  }

  synchronized int size() {
    return waiting.size();
  }

  /** Forgets the buckets the server took (or refused for good), unless they changed since. */
  synchronized void acknowledge(Map<String, String> pushedByStart) {
    boolean changed = false;
    for (var e : pushedByStart.entrySet()) {
      changed |= waiting.remove(e.getKey(), e.getValue());
    }
    if (changed) {
      save();
    }
  }

  private void save() {
    StringBuilder s = new StringBuilder();
    waiting.values().forEach(b -> s.append(b).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.replace(file, s.toString(), "rw-------", false);
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot write " + file + " (" + e.getMessage() + "); usage samples wait in memory only");
    }
  }

  /** For tests: what waits, by start. */
  synchronized Map<String, String> snapshot() {
    return new TreeMap<>(waiting);
  }
}
