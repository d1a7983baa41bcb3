package org.hosthog.api.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.hosthog.api.ConfigException;

/**
 * A secret kept in a file (a password, a host's token): its first line, surrounding whitespace
 * ignored. A file group or others may read is refused, with the command that fixes it; so is a
 * missing or empty one.
 */
public final class SecretFile {
  private SecretFile() {}

  /**
   * The secret in {@code file}.
   *
   * @param key the config key that names the file, e.g. {@code [sync.fleet] token_file}, for
   *     messages
   * @throws ConfigException saying what is wrong and what to do
   */
  public static String read(Path file, String key) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(
            key
                + ": "
                + file
                + " does not exist; create it with mode 600 (chmod 600 "
                + file
                + ")");
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new ConfigException(
            key
                + ": "
                + file
                + " is readable by other users (mode "
                + PosixFilePermissions.toString(perms)
                + "); run: chmod 600 "
                + file);
      }
      String first =
          Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (first.isEmpty()) {
        throw new ConfigException(key + ": " + file + " is empty; its first line is the secret");
      }
      return first;
    } catch (IOException e) {
      throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
