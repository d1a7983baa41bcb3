/**
 * hosthog's contract suites: JUnit 5 tests every backend runs by subclassing them once.
 *
 * <p>{@link org.hosthog.tck.StoreContract} for stores; notifier and calendar sync suites follow
 * their first implementations.
 */
module org.hosthog.tck {
  requires transitive org.hosthog.api;
  requires transitive org.junit.jupiter.api;

  exports org.hosthog.tck;
}
