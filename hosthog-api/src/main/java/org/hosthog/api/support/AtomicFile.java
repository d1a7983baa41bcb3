package org.hosthog.api.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file's content all at once, for plugins whose files others read while they change (a
 * motd at login, a PAM table, a sync state): the text goes to a temporary file in the same folder,
 * which is then renamed over the target. A reader sees the old file or the new one, never half of
 * either.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes {@code text} (UTF-8) to {@code target}, creating its folder if needed.
   *
   * @param permissions e.g. {@code "rw-r--r--"} for a file other users read
   * @param durable also force the content to disk before the rename (state that must survive a
   *     crash)
   */
  public static void replace(Path target, String text, String permissions, boolean durable)
      throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions));
      if (durable) {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
