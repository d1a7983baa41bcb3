package org.hosthog.api.support;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.hosthog.api.StoreException;

/**
 * The access rules of a store that serialises everything on one connection (both built-in stores
 * do): one lock around every read and write, which makes each write transaction atomic with the
 * checks it runs; no access after {@link #close}; closing twice is harmless.
 *
 * <p>Thread-safe. A store holds one guard and runs every operation through {@link #run}.
 *
 * @since 0.1
 */
public final class StoreGuard {
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  /**
   * @param name the store as people know it (e.g. its file), for the closed-store message
   */
  public StoreGuard(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Runs {@code action} alone.
   *
   * @throws StoreException if the store is closed
   */
  public <T> T run(Supplier<T> action) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("the store " + name + " is closed");
      }
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code closer} the first time only, after every running action has finished. */
  public void close(Runnable closer) {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        closer.run();
      }
    } finally {
      lock.unlock();
    }
  }
}
