package org.hosthog.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Talks to the daemon over its Unix socket: one request line, one response line.
 *
 * <p>Not thread-safe; one per thread. A call that takes longer than the timeout is abandoned (the
 * connection is closed and {@link DaemonUnreachableException} thrown).
 */
public final class HosthogClient implements Calls {
  private static final Timer WATCHDOG = new Timer("hosthog-client-timeout", true);

  private final SocketChannel channel;
  private final Path socket;
  private final Codec codec = new Codec();
  private final Duration timeout;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private HosthogClient(SocketChannel channel, Path socket, Duration timeout) {
    this.channel = channel;
    this.socket = socket;
    this.timeout = timeout;
  }

  /**
   * Connects to the first socket of {@code candidates} where a daemon answers.
   *
   * @throws DaemonUnreachableException naming every socket tried and how to start a daemon
   */
  public static HosthogClient connect(List<Path> candidates, Duration timeout) {
    List<String> tried = new ArrayList<>();
    for (Path p : candidates) {
      try {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          ch.connect(UnixDomainSocketAddress.of(p));
          return new HosthogClient(ch, p, timeout);
        } catch (IOException e) {
          ch.close();
          tried.add(p + " (" + reason(e) + ")");
        }
      } catch (IOException e) {
        tried.add(p + " (" + reason(e) + ")");
      }
    }
    throw new DaemonUnreachableException(
        "no hosthog daemon answers; tried "
            + String.join(", ", tried)
            + ". Start one with 'hosthog daemon'"
            + " (or, on a system install, 'systemctl start hosthog'), or point --socket / HOSTHOG_SOCKET at it.");
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** The socket this client is connected to. */
  public Path socket() {
    return socket;
  }

  /**
   * Sends {@code request}; returns the daemon's answer, a result or a refusal.
   *
   * @throws DaemonUnreachableException if the daemon stops answering
   * @throws org.hosthog.api.HosthogException if the answer is not one of this protocol
   */
  @Override
  public <R> Response<R> call(Request<R> request) {
    return codec.decodeResponse(request, send(codec.encode(request)));
  }

  /** Sends one raw line (tests use it for hostile input); returns the answer line. */
  public String send(String line) {
    TimerTask abandon =
        new TimerTask() {
          @Override
          public void run() {
            try {
              channel.close();
            } catch (IOException e) {
              // closing is all we wanted
            }
          }
        };
    WATCHDOG.schedule(abandon, timeout.toMillis());
    try {
      ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      try {
        while (out.hasRemaining()) {
          channel.write(out);
        }
      } catch (IOException writeFailed) {
        return answerBeforeClose(writeFailed);
      }
      return readLine();
    } catch (IOException e) {
      throw new DaemonUnreachableException(
          "the daemon at " + socket + " stopped answering (" + reason(e) + ")");
    } finally {
      abandon.cancel();
    }
  }

  /**
   * A daemon refusing a connection beyond its caps answers "busy" and closes before it reads: the
   * request cannot be written then, but the answer can still be read, and says more than "broken
   * pipe".
   */
  private String answerBeforeClose(IOException writeFailed) throws IOException {
    try {
      return readLine();
    } catch (IOException nothingSent) {
      throw writeFailed;
    }
  }

  private String readLine() throws IOException {
    while (true) {
      byte[] data = pending.toByteArray();
      for (int i = 0; i < data.length; i++) {
        if (data[i] == '\n') {
          pending.reset();
          pending.write(data, i + 1, data.length - i - 1);
          return new String(data, 0, i, StandardCharsets.UTF_8);
        }
      }
      readBuffer.clear();
      int n = channel.read(readBuffer);
      if (n < 0) {
        throw new IOException("connection closed");
      }
      pending.write(readBuffer.array(), 0, n);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
