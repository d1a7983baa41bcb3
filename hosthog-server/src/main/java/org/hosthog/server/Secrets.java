package org.hosthog.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.hosthog.api.ConfigException;

/** Secret files, random tokens and their hashes. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /**
   * The first line of {@code file}, surrounding whitespace removed; refused if group or others may
   * read it, or it is empty.
   *
   * @param what the config key that names the file, for messages
   */
  public static String read(Path file, String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(what + ": " + file + " does not exist (create it with mode 600)");
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new ConfigException(
            what
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
        throw new ConfigException(what + ": " + file + " is empty; its first line is the secret");
      }
      return first;
    } catch (IOException e) {
      throw new ConfigException(what + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A new random token: 32 bytes, URL-safe Base64 (43 characters). */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The hash a token is stored as. Tokens are 256 random bits, so one SHA-256 round is enough: no
   * dictionary to guard against.
   */
  public static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
