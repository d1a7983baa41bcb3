/**
 * Benchmarks for hosthog (run by hand, never as tests): the store benchmark times claims and lists
 * through the core at growing history sizes, for each store backend found; the fleet benchmark
 * drives a state server as host links and web clients do.
 */
module org.hosthog.bench {
  requires org.hosthog.core;
  requires org.hosthog.wire;
  requires com.google.gson;
  requires java.net.http;
  requires org.seleniumhq.selenium.chrome_driver;
  requires org.seleniumhq.selenium.chromium_driver;
  requires org.seleniumhq.selenium.api;
  requires org.seleniumhq.selenium.remote_driver;
}
