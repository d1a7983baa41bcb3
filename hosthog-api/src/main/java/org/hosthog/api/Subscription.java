package org.hosthog.api;

/** A registration that ends when closed; closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
