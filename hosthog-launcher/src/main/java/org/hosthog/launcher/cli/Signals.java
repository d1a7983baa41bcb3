package org.hosthog.launcher.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Handlers for Unix signals through {@code sun.misc.Signal} (module jdk.unsupported), reached by
 * reflection: the JDK has no supported API for it, and javac warns on every direct use of it.
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} when this process gets signal {@code name} (e.g. "TERM") from now on. */
  static void on(String name, Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object proxy =
          Proxy.newProxyInstance(
              handler.getClassLoader(),
              new Class<?>[] {handler},
              (self, method, args) -> {
                if (method.getName().equals("handle")) {
                  action.run();
                  return null;
                }
                return method.invoke(action, args); // equals, hashCode, toString
              });
      Method handle = signal.getMethod("handle", signal, handler);
      handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
    }
  }
}
