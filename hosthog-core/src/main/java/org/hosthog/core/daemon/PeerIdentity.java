package org.hosthog.core.daemon;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.hosthog.api.Actor;

/**
 * Who is on the other end of a Unix socket, as the kernel says ({@code SO_PEERCRED}), with the
 * groups the system's name service gives that user (so LDAP and SSSD users work).
 *
 * <p>Supplementary groups are not part of the peer credentials; they are looked up with {@code id
 * -Gn}, which asks NSS, and cached briefly.
 */
public final class PeerIdentity {
  private static final System.Logger LOG = System.getLogger(PeerIdentity.class.getName());
  private static final Duration CACHE = Duration.ofSeconds(30);

  private record Cached(Set<String> groups, long expiresNanos) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** The actor behind {@code channel}. */
  public Actor of(SocketChannel channel) throws IOException {
    UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
    String user = peer.user().getName();
    Set<String> groups = new LinkedHashSet<>();
    groups.add(peer.group().getName());
    groups.addAll(groupsOf(user));
    return new Actor(user, groups);
  }

  /** The user's groups from NSS; empty if the user is unknown there (a bare uid). */
  Set<String> groupsOf(String user) {
    Cached c = cache.get(user);
    if (c != null && c.expiresNanos() - System.nanoTime() > 0) {
      return c.groups();
    }
    Set<String> groups = lookUp(user);
    cache.put(user, new Cached(groups, System.nanoTime() + CACHE.toNanos()));
    return groups;
  }

  private static Set<String> lookUp(String user) {
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
      LOG.log(System.Logger.Level.WARNING, "cannot look up the groups of " + user + ": " + e.getMessage());
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }
}
