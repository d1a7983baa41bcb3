package org.hosthog.core.socket;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.hosthog.api.Actor;
import org.hosthog.core.service.UnixGroups;

/**
 * Who is on the other end of a Unix socket, as the kernel says ({@code SO_PEERCRED}), with the
 * groups the system's name service gives that user (so LDAP and SSSD users work).
 *
 * <p>Supplementary groups are not part of the peer credentials; they are looked up with {@code id
 * -Gn}, which asks NSS, and cached briefly.
 */
public final class PeerIdentity {
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
    Set<String> groups = UnixGroups.of(user);
    cache.put(user, new Cached(groups, System.nanoTime() + CACHE.toNanos()));
    return groups;
  }
}
