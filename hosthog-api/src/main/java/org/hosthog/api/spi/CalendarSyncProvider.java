package org.hosthog.api.spi;

/** Finds and opens a {@link CalendarSync}; registered for {@link java.util.ServiceLoader}. */
public interface CalendarSyncProvider extends Provider {
  CalendarSync open(PluginContext context);
}
