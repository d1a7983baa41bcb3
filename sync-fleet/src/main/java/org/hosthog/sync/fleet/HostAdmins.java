package org.hosthog.sync.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The users in the host's admin groups, as its name service lists them ({@code getent group}, so
 * LDAP and SSSD groups work), told to the state server so the web page offers them the actions on
 * other people's reservations here. Only a group's listed members are found, not the users whose
 * primary group it is (that would mean reading every account): those may still act, the host
 * decides on every request, the page just does not offer it. Read at most once a minute.
 */
final class HostAdmins {
  private static final System.Logger LOG = System.getLogger(HostAdmins.class.getName());
  private static final Duration FRESH = Duration.ofMinutes(1);

  private final Set<String> groups;
  private final Clock clock;
  private Set<String> users = Set.of();
  private Instant read = Instant.MIN;

  HostAdmins(Set<String> groups, Clock clock) {
    this.groups = Set.copyOf(groups);
    this.clock = clock;
  }

  /** The admin groups' members, sorted; root is never one (the web refuses root). */
  synchronized Set<String> users() {
    Instant now = clock.instant();
    if (read.plus(FRESH).isBefore(now)) {
      Set<String> found = new TreeSet<>();
      groups.forEach(g -> found.addAll(members(g)));
      found.remove("root");
      users = found;
      read = now;
    }
    return users;
  }

  /** {@code group}'s listed members; empty if the group is unknown or the lookup fails. */
  static Set<String> members(String group) {
    if (!group.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
      return Set.of();
    }
    try {
      Process p = new ProcessBuilder("getent", "group", "--", group).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Set.of(); // exit 2: no such group
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot list group " + group + ": " + e.getMessage());
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }

  /** The members of a {@code group(5)} line: {@code name:password:gid:user,user}. */
  static Set<String> parse(String line) {
    String[] fields = line.strip().split(":", -1);
    if (fields.length < 4 || fields[3].isBlank()) {
      return Set.of();
    }
    Set<String> members = new TreeSet<>(Arrays.asList(fields[3].split(",")));
    members.removeIf(String::isBlank);
    return members;
  }
}
