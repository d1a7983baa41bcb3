package org.hosthog.core.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hosthog.api.HosthogException;

/**
 * Creating the daemon's socket file safely: never over a live daemon, always reachable by every
 * user.
 */
public final class SocketFiles {
  /** Longest socket path the kernel accepts (sun_path is 108 bytes with the terminating NUL). */
  public static final int MAX_PATH_BYTES = 107;

  private SocketFiles() {}

  /**
   * Binds {@code path}: creates its folder, removes a stale socket left by a dead daemon, and makes
   * the socket connectable by every local user.
   *
   * @throws HosthogException if a live daemon already answers there, or the path is unusable
   */
  public static ServerSocketChannel bind(Path path) {
    if (path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw new HosthogException(
          "the socket path "
              + path
              + " is longer than "
              + MAX_PATH_BYTES
              + " bytes; choose a shorter [daemon] socket");
    }
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        if (isServed(path)) {
          throw new HosthogException(
              "another hosthog daemon already serves "
                  + path
                  + "; stop it first (or use another [daemon] socket)");
        }
        if (!isSocket(path)) {
          throw new HosthogException(
              path + " exists and is not a socket; move it away or choose another [daemon] socket");
        }
        Files.delete(path); // a stale socket of a daemon that died
      }
      ServerSocketChannel channel = SocketServer.open(path);
      Files.setPosixFilePermissions(
          path, PosixFilePermissions.fromString("rw-rw-rw-")); // everyone may connect
      return channel;
    } catch (IOException e) {
      throw new HosthogException("cannot create the socket " + path + ": " + e, e);
    }
  }

  /** Whether something accepts connections at {@code path}. */
  public static boolean isServed(Path path) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isSocket(Path path) throws IOException {
    Object mode = Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    return mode instanceof Integer m && (m & 0170000) == 0140000;
  }
}
