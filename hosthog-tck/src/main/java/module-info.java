/**
 * hosthog's contract suites: JUnit 5 tests every backend runs by subclassing them once.
 *
 * <p>{@link org.hosthog.tck.StoreContract} for stores, {@link org.hosthog.tck.NotifierContract} for
 * notifiers, {@link org.hosthog.tck.CalendarSyncContract} for calendar syncs and {@link
 * org.hosthog.tck.FleetLinkContract} for links to a state server.
 */
module org.hosthog.tck {
  requires transitive org.hosthog.api;
  requires transitive org.junit.jupiter.api;

  exports org.hosthog.tck;
}
