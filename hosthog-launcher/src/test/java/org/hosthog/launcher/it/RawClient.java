package org.hosthog.launcher.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends stdin's bytes to a Unix socket (from a second thread, so a daemon that stops reading cannot
 * block us) and prints what comes back until the daemon closes or {@code n} lines arrived. Run as
 * another user (runuser) to speak the protocol as them.
 *
 * <p>Usage: {@code RawClient SOCKET LINES}
 */
public final class RawClient {
  private RawClient() {}

  public static void main(String[] args) throws IOException {
    int wanted = Integer.parseInt(args[1]);
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
      byte[] input = System.in.readAllBytes();
      Thread writer =
          new Thread(
              () -> {
                try {
                  ch.write(ByteBuffer.wrap(input));
                } catch (IOException e) {
                  // the daemon closed on us (e.g. after an oversized line): read what it said
                }
              });
      writer.setDaemon(true);
      writer.start();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      int lines = 0;
      while (lines < wanted) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          lines += buf.get(i) == '\n' ? 1 : 0;
        }
        got.write(buf.array(), 0, n);
      }
      System.out.print(got.toString(StandardCharsets.UTF_8));
    }
  }
}
