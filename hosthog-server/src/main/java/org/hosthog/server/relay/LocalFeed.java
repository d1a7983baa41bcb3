package org.hosthog.server.relay;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.hosthog.api.support.DaemonThreads;

/** The feed of a single instance: events go to the receiver in order, on a thread of their own. */
public final class LocalFeed implements Feed {
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(DaemonThreads.named("hosthog-feed"));
  private volatile Consumer<String> receiver = e -> {};

  @Override
  public void publish(String event) {
    thread.execute(() -> receiver.accept(event));
  }

  @Override
  public void listen(Consumer<String> receiver) {
    this.receiver = receiver;
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
