package org.hosthog.core.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hosthog.api.Actor;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.wire.ErrorCode;

/**
 * A line-per-request server on a Unix domain socket.
 *
 * <p>One selector thread does all I/O, so idle or slow clients cost a buffer, not a thread;
 * requests run on a small worker pool, one at a time per connection. A line longer than the limit
 * is answered with an error and the connection closed; a request that does not complete in time,
 * and a connection idle too long, are closed. None of this disturbs other clients.
 */
public final class SocketServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SocketServer.class.getName());

  /** Serves one request line; returns the response line (without newline). Must not throw. */
  public interface Handler {
    String handle(Actor actor, String line);

    /** The response line for a protocol-level failure the server detects itself. */
    String failure(ErrorCode code, String message);

    /**
     * Reads {@code line} for {@code actor} (on a worker thread) and says how to answer it: a job
     * that waits for another server (a calendar, the state server) is marked remote and runs on a
     * small pool of its own, so a slow or absent server never delays the host's own requests. Must
     * not throw, and neither may the job.
     */
    default Job prepare(Actor actor, String line) {
      return new Job(false, () -> handle(actor, line));
    }

    /** How to answer one request line, and whether that waits for a remote server. */
    record Job(boolean remote, java.util.function.Supplier<String> answer) {}
  }

  /** Threads for requests that wait on remote servers, and how many may queue for them. */
  static final int REMOTE_THREADS = 2;

  static final int REMOTE_QUEUE = 16;

  /**
   * @param maxLineBytes longest request line
   * @param requestTimeout time from a request's first byte to its newline
   * @param idleTimeout time a connection may sit with nothing to do
   * @param maxConnections open connections at most; more are answered "busy" and closed
   * @param maxQueuedLines requests a client may send ahead of its answers
   * @param maxConnectionsPerUser open connections of one user at most (root's are not counted), so
   *     no single user can take the daemon's connections from everyone else
   */
  public record Limits(
      int maxLineBytes,
      Duration requestTimeout,
      Duration idleTimeout,
      int maxConnections,
      int maxQueuedLines,
      int maxConnectionsPerUser) {
    public static final Limits DEFAULT =
        new Limits(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(120), 1024, 32, 64);

    /** Limits with at most {@code maxConnections} for one user too. */
    public Limits(
        int maxLineBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnections,
        int maxQueuedLines) {
      this(
          maxLineBytes,
          requestTimeout,
          idleTimeout,
          maxConnections,
          maxQueuedLines,
          maxConnections);
    }
  }

  private final ServerSocketChannel server;
  private final Selector selector;
  final Handler handler;
  final Limits limits;
  final PeerIdentity identity;
  final ExecutorService workers;
  final ExecutorService remoteWorkers;
  private final Queue<Runnable> fromWorkers = new ConcurrentLinkedQueue<>();
  private final Set<Connection> connections = new HashSet<>();
  private final Thread loop;
  private volatile boolean running = true;

  private SocketServer(
      ServerSocketChannel server,
      Handler handler,
      Limits limits,
      PeerIdentity identity,
      int threads)
      throws IOException {
    this.server = server;
    this.selector = Selector.open();
    this.handler = handler;
    this.limits = limits;
    this.identity = identity;
    this.workers = Executors.newFixedThreadPool(threads, DaemonThreads.named("hosthog-request"));
    this.remoteWorkers =
        new java.util.concurrent.ThreadPoolExecutor(
            REMOTE_THREADS,
            REMOTE_THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(REMOTE_QUEUE),
            DaemonThreads.named("hosthog-remote-request"));
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    this.loop = new Thread(this::run, "hosthog-socket");
  }

  /** Serves on an already bound channel (see {@link SocketFiles#bind}). */
  public static SocketServer start(
      ServerSocketChannel bound, Handler handler, Limits limits, PeerIdentity identity)
      throws IOException {
    SocketServer s = new SocketServer(bound, Objects.requireNonNull(handler), limits, identity, 4);
    s.loop.start();
    return s;
  }

  /** Opens and binds a Unix socket channel at {@code path}; the file must not exist. */
  public static ServerSocketChannel open(Path path) throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.bind(UnixDomainSocketAddress.of(path), 128);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  private void run() {
    while (running) {
      try {
        selector.select(250);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else {
            Connection c = (Connection) key.attachment();
            if (key.isReadable()) {
              c.read();
            }
            if (key.isValid() && key.isWritable()) {
              c.write();
            }
          }
        }
        for (Runnable r; (r = fromWorkers.poll()) != null; ) {
          r.run();
        }
        sweep();
      } catch (IOException | RuntimeException e) {
        if (running) {
          LOG.log(System.Logger.Level.WARNING, "socket loop: " + e, e);
        }
      }
    }
  }

  private void accept() throws IOException {
    SocketChannel ch = server.accept();
    if (ch == null) {
      return;
    }
    ch.configureBlocking(false);
    String user = peer(ch);
    if (connections.size() >= limits.maxConnections()) {
      refuse(ch, "too many connections; try again");
      return;
    }
    if (!user.equals("root")
        && connections.stream().filter(c -> c.user.equals(user)).count()
            >= limits.maxConnectionsPerUser()) {
      refuse(
          ch,
          user
              + " has "
              + limits.maxConnectionsPerUser()
              + " connections to the daemon open already; close some and try again");
      return;
    }
    Connection c = new Connection(this, ch, user);
    c.key = ch.register(selector, SelectionKey.OP_READ, c);
    connections.add(c);
  }

  private void refuse(SocketChannel ch, String why) throws IOException {
    ch.write(
        ByteBuffer.wrap(
            (handler.failure(ErrorCode.BUSY, why) + "\n").getBytes(StandardCharsets.UTF_8)));
    ch.close();
  }

  /** The peer's user name (or uid) from the kernel: cheap, no group lookup. */
  private static String peer(SocketChannel ch) {
    try {
      return ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "?";
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Connection c : new ArrayList<>(connections)) {
      if (c.drainUntil != 0) {
        if (now - c.drainUntil > 0) {
          c.close();
        }
      } else if (c.lineStarted != 0 && now - c.lineStarted > limits.requestTimeout().toNanos()) {
        c.fail(
            ErrorCode.TIMEOUT,
            "the request did not complete within " + limits.requestTimeout().toSeconds() + " s");
      } else if (!c.busy() && now - c.lastActivity > limits.idleTimeout().toNanos()) {
        c.close();
      } else if (!c.out.isEmpty() && now - c.lastWritten > limits.idleTimeout().toNanos()) {
        c.close(); // a client that stopped reading its answers
      }
    }
  }

  /** Runs {@code r} on the selector thread, soon. */
  void onLoop(Runnable r) {
    fromWorkers.add(r);
    selector.wakeup();
  }

  void forget(Connection c) {
    connections.remove(c);
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      loop.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    remoteWorkers.shutdownNow(); // they wait on other servers: nothing to finish here
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : new ArrayList<>(connections)) {
      c.close();
    }
    try {
      selector.close();
      server.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing: " + e);
    }
  }
}
