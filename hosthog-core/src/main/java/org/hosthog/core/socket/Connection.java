package org.hosthog.core.socket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import org.hosthog.api.Actor;
import org.hosthog.core.socket.SocketServer.Handler;
import org.hosthog.wire.ErrorCode;

/**
 * One client connection of a {@link SocketServer}: its buffers, the requests it sent ahead, and the
 * answers it has not read yet. Touched only by the selector thread, except {@link #serve}, which
 * runs on a worker and hands its answer back to the selector.
 */
final class Connection {
  private static final Duration DRAIN = Duration.ofSeconds(2);

  /** Answers held for one client that does not read them; beyond, its requests are not read. */
  private static final int MAX_UNWRITTEN = 1024 * 1024;

  private final SocketServer server;
  final SocketChannel ch;
  final String user;
  SelectionKey key;
  final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
  final ByteArrayOutputStream line = new ByteArrayOutputStream();
  final Deque<String> waiting = new ArrayDeque<>();
  final Deque<ByteBuffer> out = new ArrayDeque<>();

  /** Bytes of answers in {@link #out}: beyond {@link #MAX_UNWRITTEN} the client must read. */
  long unwritten;

  long lastWritten = System.nanoTime();
  Actor actor;
  boolean inFlight;
  boolean closeWhenWritten;

  /** After a fatal error: output is shut, input is read and dropped until EOF or this deadline. */
  long drainUntil;

  long lineStarted;
  long lastActivity = System.nanoTime();

  Connection(SocketServer server, SocketChannel ch, String user) {
    this.server = server;
    this.ch = ch;
    this.user = user;
  }

  boolean busy() {
    return inFlight || !out.isEmpty() || !waiting.isEmpty() || lineStarted != 0;
  }

  void read() {
    int n;
    try {
      readBuffer.clear();
      n = ch.read(readBuffer);
    } catch (IOException e) {
      close();
      return;
    }
    if (drainUntil != 0) {
      if (n < 0) {
        close();
      }
      return; // dropping the rest of a refused request, so the client can read our answer
    }
    if (n < 0) {
      if (!inFlight && out.isEmpty()) {
        close();
      } else {
        closeWhenWritten = true; // answer what was asked, then close
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
      }
      return;
    }
    lastActivity = System.nanoTime();
    readBuffer.flip();
    while (readBuffer.hasRemaining() && !closeWhenWritten) {
      byte b = readBuffer.get();
      if (b == '\n') {
        complete();
      } else {
        if (line.size() == 0) {
          lineStarted = System.nanoTime();
        }
        line.write(b);
        if (line.size() > server.limits.maxLineBytes()) {
          fail(
              ErrorCode.TOO_LARGE,
              "a request may be at most " + server.limits.maxLineBytes() + " bytes");
        }
      }
    }
  }

  private void complete() {
    String text = line.toString(StandardCharsets.UTF_8).strip();
    line.reset();
    lineStarted = 0;
    if (text.isEmpty()) {
      return;
    }
    if (waiting.size() >= server.limits.maxQueuedLines()) {
      fail(ErrorCode.BUSY, "too many requests sent ahead of their answers");
      return;
    }
    waiting.add(text);
    dispatch();
  }

  private void dispatch() {
    if (inFlight || waiting.isEmpty() || backedUp()) {
      return;
    }
    String request = waiting.poll();
    inFlight = true;
    try {
      server.workers.execute(() -> serve(request));
    } catch (RejectedExecutionException e) {
      close();
    }
  }

  /** On a worker: reads the line once; a remote job moves on to the remote pool. */
  private void serve(String request) {
    Handler.Job job;
    try {
      if (actor == null) {
        actor = server.identity.of(ch);
      }
      job = server.handler.prepare(actor, request);
    } catch (IOException | RuntimeException e) {
      job =
          new Handler.Job(
              false,
              () -> server.handler.failure(ErrorCode.INTERNAL, "cannot serve this connection"));
    }
    if (!job.remote()) {
      deliver(job.answer().get());
      return;
    }
    Handler.Job remote = job;
    try {
      server.remoteWorkers.execute(() -> deliver(remote.answer().get()));
    } catch (RejectedExecutionException e) { // the remote pool is full: say so now
      deliver(
          server.handler.failure(
              ErrorCode.BUSY,
              "the daemon is waiting on remote servers for other requests; try again soon"));
    }
  }

  private void deliver(String answer) {
    server.onLoop(() -> answered(answer));
  }

  private void answered(String response) {
    inFlight = false;
    if (!ch.isOpen()) {
      return;
    }
    send(response);
    dispatch();
  }

  private void send(String response) {
    byte[] bytes = (response + "\n").getBytes(StandardCharsets.UTF_8);
    if (out.isEmpty()) {
      lastWritten = System.nanoTime();
    }
    out.add(ByteBuffer.wrap(bytes));
    unwritten += bytes.length;
    if (key.isValid()) {
      int ops = key.interestOps() | SelectionKey.OP_WRITE;
      // a client that does not read its answers is not read either: its writes wait in the
      // kernel, and the daemon holds at most MAX_UNWRITTEN bytes of answers for it
      key.interestOps(backedUp() ? ops & ~SelectionKey.OP_READ : ops);
    }
  }

  private boolean backedUp() {
    return unwritten > MAX_UNWRITTEN;
  }

  /** Reads (and serves) again once the client has read enough of its answers. */
  private void resume() {
    if (backedUp() || !key.isValid() || closeWhenWritten || drainUntil != 0) {
      return;
    }
    key.interestOps(key.interestOps() | SelectionKey.OP_READ);
    dispatch();
  }

  void write() {
    try {
      while (!out.isEmpty()) {
        int n = ch.write(out.peek());
        if (n > 0) {
          unwritten -= n;
          lastWritten = System.nanoTime();
        }
        if (out.peek().hasRemaining()) {
          resume();
          return; // the client reads slowly: wait for the next OP_WRITE
        }
        out.poll();
      }
      resume();
      lastActivity = System.nanoTime();
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
      if (closeWhenWritten && !inFlight) {
        finish();
      }
    } catch (IOException e) {
      close();
    }
  }

  /** Answers with an error and ends the connection once it is written; serves nothing more. */
  void fail(ErrorCode code, String message) {
    line.reset();
    lineStarted = 0;
    waiting.clear();
    closeWhenWritten = true;
    send(server.handler.failure(code, message));
  }

  /**
   * Ends the connection after the last answer. Closing with unread input would make the kernel
   * reset the connection and drop our answer, so shut the output and drain for a moment first.
   */
  private void finish() {
    try {
      ch.shutdownOutput();
      drainUntil = System.nanoTime() + DRAIN.toNanos();
      line.reset();
      lineStarted = 0;
      if (key.isValid()) {
        key.interestOps(SelectionKey.OP_READ);
      }
    } catch (IOException e) {
      close();
    }
  }

  void close() {
    server.forget(this);
    key.cancel();
    try {
      ch.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
