package org.hosthog.sync.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hosthog.api.support.AtomicFile;

/**
 * What the server has acknowledged, per reservation: the {@code updated} time of the version it
 * stored. A reservation whose {@code updated} differs is pending; so the pending changes are
 * derived from the store, and nothing is lost by a restart or a {@code kill -9} between a change
 * and its push (it is pushed again; the server ignores versions it has).
 *
 * <p>Thread-safe; the file is rewritten atomically after each acknowledged push.
 */
final class Pushed {
  private static final System.Logger LOG = System.getLogger(Pushed.class.getName());

  private final Path file;
  private final Map<UUID, Long> updated = new HashMap<>();

  private Pushed(Path file) {
    this.file = file;
  }

  static Pushed load(Path file) {
    Pushed p = new Pushed(file);
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        if (f.length == 2) {
          try {
            p.updated.put(UUID.fromString(f[0]), Long.parseLong(f[1]));
          } catch (IllegalArgumentException e) {
            // a damaged line: that reservation is pushed again, which is harmless
          }
        }
      }
    } catch (NoSuchFileException e) {
      // first start: everything is pending
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot read " + file + " (" + e.getMessage() + "); pushing every reservation again");
    }
    return p;
  }

  synchronized boolean isPushed(UUID uuid, long updatedMillis) {
    return Objects.equals(updated.get(uuid), updatedMillis);
  }

  synchronized void acknowledge(Map<UUID, Long> stored) {
    if (stored.isEmpty()) {
      return;
    }
    updated.putAll(stored);
    StringBuilder s = new StringBuilder();
    updated.forEach((u, t) -> s.append(u).append('\t').append(t).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.replace(file, s.toString(), "rw-------", true);
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot write " + file + " (" + e.getMessage() + "); those changes will be pushed again");
    }
  }
}
