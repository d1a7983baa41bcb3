package org.hosthog.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One open server-sent-events response. Writes never block the caller: frames queue and go out one
 * write at a time; a client that does not keep up (too much queued) or is gone is closed.
 */
public final class SseStream {
  private static final int MAX_QUEUED_BYTES = 4 * 1024 * 1024;

  private final Response response;
  private final Callback done;
  private final Runnable onClose;
  private final StringBuilder queued = new StringBuilder();
  private final java.time.Instant until;
  private boolean writing;
  private boolean closed;

  /** Starts a stream that lasts until closed. */
  public SseStream(Response response, Callback done, Runnable onClose) {
    this(response, done, onClose, java.time.Instant.MAX);
  }

  /**
   * Starts the stream: headers and a first comment go out at once. It ends at {@code until} (when
   * the session it serves expires), at the first keep-alive after it.
   */
  public SseStream(Response response, Callback done, Runnable onClose, java.time.Instant until) {
    this.until = until;
    this.response = response;
    this.done = done;
    this.onClose = onClose;
    response.setStatus(200);
    response.getHeaders().put("Content-Type", "text/event-stream; charset=utf-8");
    response.getHeaders().put("Cache-Control", "no-store");
    response.getHeaders().put("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
    send(": hosthog\n\n");
  }

  /** Sends one event; {@code data} must be one line (JSON is). */
  public void event(String name, String data) {
    send("event: " + name + "\ndata: " + data + "\n\n");
  }

  /**
   * A comment, which keeps proxies from closing an idle stream and finds dead clients; or the end,
   * once the stream's time is up.
   */
  public void keepAlive(java.time.Instant now) {
    if (now.isAfter(until)) {
      close();
    } else {
      send(": keep-alive\n\n");
    }
  }

  public synchronized boolean isOpen() {
    return !closed;
  }

  private synchronized void send(String frame) {
    if (closed) {
      return;
    }
    if (queued.length() + frame.length() > MAX_QUEUED_BYTES) {
      close(); // a client this far behind would only see stale news
      return;
    }
    queued.append(frame);
    if (!writing) {
      writeQueued();
    }
  }

  private synchronized void writeQueued() {
    if (closed || queued.length() == 0) {
      writing = false;
      return;
    }
    writing = true;
    ByteBuffer bytes = ByteBuffer.wrap(queued.toString().getBytes(StandardCharsets.UTF_8));
    queued.setLength(0);
    response.write(false, bytes, Callback.from(this::writeQueued, e -> close()));
  }

  /** Ends the stream; calling it again does nothing. */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    onClose.run();
    response.write(true, ByteBuffer.allocate(0), done);
  }
}
