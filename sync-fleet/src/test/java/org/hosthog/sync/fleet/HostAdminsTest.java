package org.hosthog.sync.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostAdminsTest {
  @Test
  void aGroupLineGivesItsListedMembers() {
    assertEquals(Set.of("alice", "bob"), HostAdmins.parse("sudo:x:27:bob,alice\n"));
    assertEquals(Set.of(), HostAdmins.parse("hosthog-admin:x:990:\n"), "no members");
    assertEquals(Set.of(), HostAdmins.parse(""), "no such group: getent prints nothing");
    assertEquals(Set.of("carol"), HostAdmins.parse("g:x:1:carol,,"), "empty entries dropped");
  }

  @Test
  void anUnknownGroupOrAnOddNameHasNoMembers() {
    // a real group with members is looked up by the fleet's browser test (hhcarol in hhadmins)
    assertEquals(Set.of(), HostAdmins.members("no-such-group-hosthog"));
    assertEquals(Set.of(), HostAdmins.members("--help"));
    assertEquals(Set.of(), HostAdmins.members("a b"));
  }
}
