package org.hosthog.tck;

import org.hosthog.api.HostEvent;
import org.hosthog.api.Text;
import org.hosthog.api.spi.Notifier;

/**
 * Runs the notifier suite against the smallest honest notifier (it writes sanitised one-line
 * summaries into a buffer), so the suite itself is known to pass for a correct notifier.
 */
class NotifierContractSelfTest extends NotifierContract {
  private final StringBuilder seen = new StringBuilder();

  @Override
  protected Notifier open() {
    return new Notifier() {
      @Override
      public void onEvent(HostEvent event) {
        if (event instanceof HostEvent.About a) {
          var r = a.reservation();
          seen.append(Text.sanitize(r.owner() + " " + r.resourcesText() + " " + r.message()))
              .append('\n');
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  protected org.hosthog.api.Reservation claimed(String owner, String resource, String message) {
    var r = Reservations.of(owner, resource, 0, 2).withId(42);
    return r.changed(r.claims(), r.start(), r.end(), message, owner, r.created());
  }

  @Override
  protected String delivered() {
    return seen.toString();
  }
}
