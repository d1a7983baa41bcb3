package org.hosthog.core.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The groups a Unix user belongs to, as the system's name service says ({@code id -Gn}, so LDAP and
 * SSSD users work): what admin rights are decided on.
 */
public final class UnixGroups {
  private static final System.Logger LOG = System.getLogger(UnixGroups.class.getName());

  private UnixGroups() {}

  /** The groups of {@code user}; empty if the name service does not know the user. */
  public static Set<String> of(String user) {
    if (!user.matches("[A-Za-z0-9._][A-Za-z0-9._@-]*\\$?")) {
      return Set.of(); // numeric-only uids pass; anything else odd is not handed to a command
    }
    try {
      Process p = new ProcessBuilder("id", "-Gn", "--", user).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Set.of();
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(text.split("\\s+")));
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot look up the groups of " + user + ": " + e.getMessage());
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }
}
