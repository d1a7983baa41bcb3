package org.hosthog.notify.wall;

import java.nio.file.Path;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.NotifierProvider;
import org.hosthog.api.spi.PluginContext;

/** {@code wall}: {@code [notify.wall] dev} (default {@code /dev}) is where terminals live. */
public final class WallNotifierProvider implements NotifierProvider {

  @Override
  public String id() {
    return "wall";
  }

  @Override
  public String description() {
    return "messages to logged-in terminals (like wall)";
  }

  @Override
  public Notifier open(PluginContext context) {
    Path dev = Path.of(context.settings().string("dev").orElse("/dev"));
    return new WallNotifier(context, new Terminals(dev));
  }
}
