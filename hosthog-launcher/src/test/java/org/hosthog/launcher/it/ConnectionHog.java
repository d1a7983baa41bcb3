package org.hosthog.launcher.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens {@code N} connections to a Unix socket and keeps them, then asks {@code hello} on one more
 * and prints the answer: what one user hogging the daemon's connections gets. Run as that user
 * (runuser).
 *
 * <p>Usage: {@code ConnectionHog SOCKET N}
 */
public final class ConnectionHog {
  private ConnectionHog() {}

  public static void main(String[] args) throws IOException {
    UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(Path.of(args[0]));
    List<SocketChannel> held = new ArrayList<>();
    try {
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(socket);
        held.add(ch);
      }
      try (SocketChannel one = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        one.connect(socket);
        try {
          one.write(
              ByteBuffer.wrap("{\"v\":1,\"op\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException refusedBeforeRead) {
          // the daemon answered "busy" and closed before reading: the answer is still readable
        }
        ByteBuffer buf = ByteBuffer.allocate(8192);
        StringBuilder got = new StringBuilder();
        while (got.indexOf("\n") < 0) {
          buf.clear();
          int n = one.read(buf);
          if (n < 0) {
            break;
          }
          got.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
        }
        System.out.print(got);
      }
    } finally {
      for (SocketChannel ch : held) {
        ch.close();
      }
    }
  }
}
