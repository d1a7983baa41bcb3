/**
 * Benchmarks for hosthog (run by hand, never as tests): the store benchmark times claims and lists
 * through the core at growing history sizes, for each store backend found.
 */
module org.hosthog.bench {
  requires org.hosthog.core;
  requires org.hosthog.wire;
}
