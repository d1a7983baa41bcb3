package org.hosthog.notify.motd;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.HostEvent;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.support.AtomicFile;
import org.hosthog.api.support.Coalescer;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.text.MotdText;

/**
 * Rewrites the motd file on events and every {@code refresh}, atomically (a temporary file in the
 * same folder, then a rename), so a login never sees half a file and never waits on hosthog.
 *
 * <p>A single change is written at once; a burst of changes (a script, a calendar sync) is written
 * at most four times a second, and the last write comes after the last change, so the file ends up
 * showing the final state.
 */
final class MotdNotifier implements Notifier {
  private static final System.Logger LOG = System.getLogger(MotdNotifier.class.getName());

  private final PluginContext context;
  private final Path path;
  private final MotdText text;
  private final ScheduledExecutorService timer;
  private final Coalescer<HostEvent> changes =
      new Coalescer<>(
          "hosthog-motd-changes", Duration.ofMillis(250), Duration.ofSeconds(2), batch -> write());
  private volatile boolean closed;

  private MotdNotifier(PluginContext context, Path path) {
    this.context = context;
    this.path = path;
    this.text = new MotdText(context.host(), context.reservations().inventory(), context.zone());
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-motd"));
  }

  static MotdNotifier start(PluginContext context, Path path, Duration refresh) {
    MotdNotifier n = new MotdNotifier(context, path);
    n.write(); // ready before anyone logs in
    n.timer.scheduleWithFixedDelay(
        n::write, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    return n;
  }

  @Override
  public void onEvent(HostEvent event) {
    changes.offer(event);
  }

  /**
   * Renders and replaces the file; failures are logged and retried at the next event or refresh.
   */
  synchronized void write() {
    if (closed) {
      return;
    }
    try {
      Instant now = context.clock().instant();
      ZoneId zone = context.zone();
      Instant midnight = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
      String motd =
          text.render(
              context.reservations().list(ReservationQuery.overlapping(now, midnight)),
              context.activity(),
              now);
      AtomicFile.replace(
          path, motd, "rw-r--r--", false); // read with the user's rights, never half-written
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write the motd " + path + ": " + e);
    }
  }

  @Override
  public void close() {
    changes.close(); // outside the lock: its last batch still writes the file
    synchronized (this) {
      if (!closed) {
        closed = true;
        timer.shutdownNow();
      }
    }
  }
}
