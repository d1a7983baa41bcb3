package org.hosthog.core.service;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.HostEvent;
import org.hosthog.api.HostEventListener;
import org.hosthog.api.Subscription;
import org.hosthog.api.support.DaemonThreads;

/**
 * Hands events to listeners off the caller's thread.
 *
 * <p>Each listener has its own thread, so a slow or failing listener delays and hurts nobody else;
 * each sees events in the order they were published. Exceptions are logged and dropped.
 */
public final class EventBus implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private record Delivery(HostEventListener listener, ExecutorService thread) {}

  public Subscription subscribe(HostEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            DaemonThreads.named("hosthog-events-" + listener.getClass().getSimpleName()));
    Delivery delivery = new Delivery(listener, thread);
    deliveries.add(delivery);
    return () -> {
      if (deliveries.remove(delivery)) {
        thread.shutdown();
      }
    };
  }

  public void publish(HostEvent event) {
    Objects.requireNonNull(event, "event");
    for (Delivery d : deliveries) {
      d.thread().execute(() -> deliver(d.listener(), event));
    }
  }

  private static void deliver(HostEventListener listener, HostEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "listener " + listener + " failed on " + event.getClass().getSimpleName(),
          e);
    }
  }

  /** Delivers what is queued (waiting up to {@code millis}), then stops every listener thread. */
  public void close(long millis) {
    for (Delivery d : deliveries) {
      d.thread().shutdown();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Delivery d : deliveries) {
      try {
        d.thread()
            .awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    deliveries.clear();
  }

  @Override
  public void close() {
    close(5_000);
  }
}
