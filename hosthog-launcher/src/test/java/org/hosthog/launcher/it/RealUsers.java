package org.hosthog.launcher.it;

import java.io.IOException;
import java.util.List;

/** Real Unix users and groups for tests that run as root (as CI does). */
final class RealUsers {
  private RealUsers() {}

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Creates {@code user} (and puts them into {@code groups}) unless it exists. */
  static synchronized void ensure(String user, String... groups) {
    for (String g : groups) {
      if (run("getent", "group", g) != 0) {
        check(run("groupadd", g), "groupadd " + g);
      }
    }
    if (run("id", "-u", user) != 0) {
      check(run("useradd", "-m", "-s", "/bin/bash", user), "useradd " + user);
    }
    for (String g : groups) {
      check(run("usermod", "-aG", g, user), "usermod " + user);
    }
  }

  private static void check(int rc, String what) {
    if (rc != 0) {
      throw new IllegalStateException(what + " failed with exit " + rc);
    }
  }

  private static int run(String... argv) {
    try {
      Process p =
          new ProcessBuilder(List.of(argv))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
