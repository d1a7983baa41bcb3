/**
 * hosthog's domain types, the embedding API and the service provider interfaces.
 *
 * <p>Depends on nothing. Backends (stores, notifiers, calendar sync) implement the interfaces of
 * {@code org.hosthog.api.spi} and are found with {@link java.util.ServiceLoader}.
 */
module org.hosthog.api {
  exports org.hosthog.api;
  exports org.hosthog.api.spi;
  exports org.hosthog.api.support;
}
