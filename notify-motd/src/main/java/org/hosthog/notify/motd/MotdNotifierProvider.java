package org.hosthog.notify.motd;

import java.nio.file.Path;
import java.time.Duration;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.NotifierProvider;
import org.hosthog.api.spi.PluginContext;

/**
 * {@code motd}: {@code [notify.motd] path} (default {@code /run/motd.d/hosthog} as root, the state
 * folder otherwise) and {@code refresh} (default {@code "1m"}: who is logged in changes without
 * events).
 */
public final class MotdNotifierProvider implements NotifierProvider {
  static final Path SYSTEM_PATH = Path.of("/run/motd.d/hosthog");

  @Override
  public String id() {
    return "motd";
  }

  @Override
  public String description() {
    return "message of the day at login (pam_motd)";
  }

  @Override
  public Notifier open(PluginContext context) {
    Path path =
        context
            .settings()
            .string("path")
            .map(Path::of)
            .orElse(
                "root".equals(System.getProperty("user.name"))
                    ? SYSTEM_PATH
                    : context.stateDir().resolve("motd"));
    if (!path.isAbsolute()) {
      throw context.settings().invalid("path", "an absolute path such as \"/run/motd.d/hosthog\"");
    }
    Duration refresh = context.settings().duration("refresh").orElse(Duration.ofMinutes(1));
    if (refresh.compareTo(Duration.ofSeconds(5)) < 0) {
      throw context.settings().invalid("refresh", "at least \"5s\"");
    }
    return MotdNotifier.start(context, path, refresh);
  }
}
