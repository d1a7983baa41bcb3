package org.hosthog.core.activity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.HostActivity.Session;

/**
 * Reads the login records of {@code /run/utmp} (glibc's {@code struct utmp} on 64-bit Linux:
 * 384-byte little-endian records), as {@code who} and {@code wall} do.
 */
public final class Utmp {
  public static final Path DEFAULT = Path.of("/run/utmp");
  static final int RECORD = 384;
  private static final short USER_PROCESS = 7;

  private Utmp() {}

  /** The sessions whose leader process is still alive; none if the file is missing. */
  public static List<Session> liveSessions(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of(); // containers without systemd have no utmp: nobody is logged in
    }
    List<Session> sessions = new ArrayList<>();
    for (Session s : parse(bytes)) {
      if (Files.exists(Path.of("/proc", Long.toString(s.pid())))) {
        sessions.add(s);
      }
    }
    return sessions;
  }

  /** Every USER_PROCESS record in {@code bytes}; a trailing partial record is ignored. */
  static List<Session> parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Session> sessions = new ArrayList<>();
    for (int at = 0; at + RECORD <= bytes.length; at += RECORD) {
      if (b.getShort(at) != USER_PROCESS) {
        continue;
      }
      long pid = Integer.toUnsignedLong(b.getInt(at + 4));
      String line = text(bytes, at + 8, 32);
      String user = text(bytes, at + 44, 32);
      String host = text(bytes, at + 76, 256);
      long seconds = Integer.toUnsignedLong(b.getInt(at + 340));
      if (!user.isEmpty() && !line.isEmpty()) {
        sessions.add(new Session(user, line, host, Instant.ofEpochSecond(seconds), pid));
      }
    }
    return sessions;
  }

  private static String text(byte[] bytes, int from, int max) {
    int end = from;
    while (end < from + max && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }
}
