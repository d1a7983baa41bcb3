package org.hosthog.api.support;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/** Threads that never keep the JVM alive: a plugin's timers and pools end with the daemon. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads called {@code name}. */
  public static ThreadFactory named(String name) {
    Objects.requireNonNull(name, "name");
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
