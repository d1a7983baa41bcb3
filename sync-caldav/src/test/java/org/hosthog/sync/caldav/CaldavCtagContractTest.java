package org.hosthog.sync.caldav;

import java.nio.file.Path;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.CalendarSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract again, against a server without sync-collection (RFC 6578): a proxy hides Radicale's
 * sync tokens, so the sync must use the ctag and compare ETags from listings.
 */
class CaldavCtagContractTest extends CaldavContractTest {
  private static FaultyProxy proxy;

  @BeforeAll
  static void startProxy() throws Exception {
    proxy = new FaultyProxy(radicale().root());
    proxy.mode(FaultyProxy.Mode.NO_SYNC_TOKEN);
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Override
  protected CalendarSync open(String host, Reservations reservations, Path stateDir) {
    return open(
        host, reservations, stateDir, proxy.root().resolve(calendarUri().getPath()).toString(), "");
  }
}
