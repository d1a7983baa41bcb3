package org.hosthog.notify.wall;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hosthog.api.support.DaemonThreads;

/**
 * Writes to users' terminals the way {@code wall} does: {@code mesg} is the group-write bit of the
 * terminal device; a terminal that does not take the bytes within a moment is skipped, so a stalled
 * session never holds up the others.
 */
final class Terminals {
  private static final System.Logger LOG = System.getLogger(Terminals.class.getName());
  private static final long TIMEOUT_MS = 2_000;

  private final Path dev;
  private final ExecutorService writers =
      Executors.newCachedThreadPool(DaemonThreads.named("hosthog-wall-write"));

  Terminals(Path dev) {
    this.dev = dev;
  }

  /**
   * The device of a utmp line such as {@code pts/3}; empty for lines that are not plain device
   * names.
   */
  java.util.Optional<Path> device(String tty) {
    if (!tty.matches("[A-Za-z0-9/]+") || tty.contains("..")) {
      return java.util.Optional.empty(); // never follow odd utmp contents outside /dev
    }
    return java.util.Optional.of(dev.resolve(tty));
  }

  /** Whether the user accepts messages on this terminal ({@code mesg y}). */
  boolean acceptsMessages(Path device) {
    try {
      return Files.getPosixFilePermissions(device).contains(PosixFilePermission.GROUP_WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Writes {@code text} to {@code device}; gives up after a short timeout. */
  boolean write(Path device, String text) {
    Future<?> f =
        writers.submit(
            () -> {
              try (OutputStream out =
                  Files.newOutputStream(
                      device, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      f.cancel(true);
      LOG.log(System.Logger.Level.INFO, device + " did not take the message in time; skipped");
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.log(
          System.Logger.Level.INFO, "cannot write to " + device + ": " + e.getCause().getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void close() {
    writers.shutdownNow();
  }
}
