package org.hosthog.core.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.hosthog.api.spi.Vouch;
import org.junit.jupiter.api.Test;

class RelayedGroupsTest {
  static final List<String> ADMIN_GROUPS = List.of("hosthog-admin", "sudo");
  static final Set<String> CAROLS = Set.of("carol", "sudo", "gpu-users");

  @Test
  void aUserThisHostVouchedForKeepsTheirGroups() {
    assertEquals(CAROLS, Daemon.groupsFor(Vouch.THIS_HOST, CAROLS, ADMIN_GROUPS));
  }

  @Test
  void aUserAnotherHostVouchedForLosesThisHostsAdminGroupsOnly() {
    assertEquals(
        Set.of("carol", "gpu-users"), Daemon.groupsFor(Vouch.ANOTHER_HOST, CAROLS, ADMIN_GROUPS));
  }

  @Test
  void aServerAdminTheHostTrustsGainsItsFirstAdminGroup() {
    assertEquals(
        Set.of("dora", "hosthog-admin"),
        Daemon.groupsFor(Vouch.ADMIN, Set.of("dora"), ADMIN_GROUPS));
  }
}
