package org.hosthog.api.spi;

/** Finds and opens a {@link Notifier}; registered for {@link java.util.ServiceLoader}. */
public interface NotifierProvider extends Provider {
  Notifier open(PluginContext context);
}
