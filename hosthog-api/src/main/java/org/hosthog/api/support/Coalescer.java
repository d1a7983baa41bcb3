package org.hosthog.api.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Groups a burst of items into few batches, for notifiers whose audience must not be flooded
 * (terminals, chat channels, a file rewritten on every change).
 *
 * <p>An item {@link #offer offered} after a quiet spell goes out at once, alone: a single change is
 * announced without delay. Items that arrive within {@code window} of the last batch wait and go
 * out together when the window ends; every batch of more than one item doubles the window (up to
 * {@code maxWindow}), so a long burst yields a handful of batches, not one per item. A quiet spell
 * of one window restores it. Items {@link #offerQuietly offered quietly} (changes nobody typed just
 * now: a calendar sync, a replay) never go out alone at once: they wait until nothing more came for
 * {@code window} (at most four times {@code maxWindow} after the first), so a sync of a hundred
 * events is one batch. Batches keep the order items were offered in; nothing is dropped.
 *
 * <p>Thread-safe. An item that goes at once is handed to the sink on the offering thread (so a
 * single change costs no thread hop); batches are handed over on the coalescer's own thread. What
 * the sink throws is logged. {@link #close} hands what is pending to the sink, then stops.
 *
 * @param <T> the items
 * @since 0.1
 */
public final class Coalescer<T> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Coalescer.class.getName());
  private static final long NONE = Long.MIN_VALUE;

  /** A bulk change is waited for at most this many times {@code maxWindow}. */
  private static final int QUIET_LIMIT = 4;

  private final long baseNanos;
  private final long maxNanos;
  private final Consumer<List<T>> sink;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;

  private List<T> pending = new ArrayList<>();
  private long windowNanos;
  private long lastBatch;
  private long due = NONE;
  private long firstQuiet = NONE;
  private boolean closed;

  /**
   * Starts the coalescer's thread.
   *
   * @param name names the thread, e.g. {@code hosthog-wall}
   * @param window the shortest gap between two batches, and the quiet spell that ends a burst
   * @param maxWindow the longest a batch waits
   * @param sink receives each batch, never empty
   */
  public Coalescer(String name, Duration window, Duration maxWindow, Consumer<List<T>> sink) {
    this.baseNanos = window.toNanos();
    this.maxNanos = Math.max(baseNanos, maxWindow.toNanos());
    this.sink = Objects.requireNonNull(sink, "sink");
    this.windowNanos = baseNanos;
    this.lastBatch = System.nanoTime() - maxNanos - baseNanos;
    this.thread = new Thread(this::run, Objects.requireNonNull(name, "name"));
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Adds an item someone is waiting to see: at once after a quiet spell, else with the next batch.
   */
  public void offer(T item) {
    add(item, false);
  }

  /**
   * Adds an item of a bulk change: it waits until the change is over and goes out with the rest.
   */
  public void offerQuietly(T item) {
    add(item, true);
  }

  private void add(T item, boolean quiet) {
    Objects.requireNonNull(item, "item");
    boolean atOnce = false;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      long now = System.nanoTime();
      if (pending.isEmpty() && now - lastBatch >= 2 * windowNanos) {
        windowNanos = baseNanos; // a quiet spell ends a burst
      }
      if (!quiet && pending.isEmpty() && now - lastBatch >= windowNanos) {
        lastBatch = now;
        atOnce = true;
      } else {
        pending.add(item);
        long earliest = lastBatch + windowNanos;
        long when;
        if (quiet) {
          firstQuiet = firstQuiet == NONE ? now : firstQuiet;
          when = Math.max(earliest, Math.min(now + baseNanos, firstQuiet + QUIET_LIMIT * maxNanos));
          when = due == NONE ? when : Math.max(due, when);
        } else {
          when = Math.max(now, earliest);
          when = due == NONE ? when : Math.min(due, when);
        }
        due = when;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (atOnce) {
      deliver(List.of(item));
    }
  }

  private void deliver(List<T> batch) {
    try {
      sink.accept(batch);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          thread.getName() + ": a batch of " + batch.size() + " failed",
          e);
    }
  }

  private void run() {
    while (true) {
      List<T> batch;
      lock.lock();
      try {
        while (!closed && (due == NONE || System.nanoTime() - due < 0)) {
          if (due == NONE) {
            changed.awaitUninterruptibly();
          } else {
            changed.awaitNanos(due - System.nanoTime());
          }
        }
        if (pending.isEmpty()) {
          return; // closed, nothing left
        }
        batch = pending;
        pending = new ArrayList<>();
        due = NONE;
        firstQuiet = NONE;
        lastBatch = System.nanoTime();
        if (batch.size() > 1) {
          windowNanos = Math.min(2 * windowNanos, maxNanos);
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      deliver(batch);
    }
  }

  /** Hands what is pending to the sink (waiting up to 5 s for it), then stops. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
