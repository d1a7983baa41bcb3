package org.hosthog.api.spi;

/**
 * What every plugin provider has: a stable id that the config names.
 *
 * <p>Providers are cheap: constructing one does no I/O. Work starts in {@code open}.
 */
public interface Provider {

  /** The id the config uses, e.g. {@code sqlite}; lower case, stable across versions. */
  String id();

  /** One line for {@code hosthog plugins}. */
  default String description() {
    return "";
  }
}
