package org.hosthog.core.daemon;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.hosthog.api.Actor;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Text;
import org.hosthog.api.spi.Vouch;
import org.hosthog.core.Hosthog;
import org.hosthog.core.activity.ActivityProbe;
import org.hosthog.core.activity.GpuSampler;
import org.hosthog.core.activity.GpuWatch;
import org.hosthog.core.activity.Utmp;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.host.HostSetup;
import org.hosthog.core.inventory.NvidiaSmi;
import org.hosthog.core.plugin.EnabledPlugins;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.core.protocol.CommandLines;
import org.hosthog.core.protocol.DaemonFacilities;
import org.hosthog.core.protocol.RequestHandler;
import org.hosthog.core.service.Authorizer;
import org.hosthog.core.service.Leases;
import org.hosthog.core.service.UnixGroups;
import org.hosthog.core.socket.PeerIdentity;
import org.hosthog.core.socket.SocketFiles;
import org.hosthog.core.socket.SocketServer;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Response;

/**
 * The per-host service: owns the store, runs the scheduler and the enabled plugins, and serves the
 * socket.
 *
 * <p>{@link #start} either returns a serving daemon or throws with a message an admin can act on
 * (bad config, a live daemon on the socket, an unreadable store); nothing is left half-started.
 */
public final class Daemon implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

  private final Hosthog hosthog;
  private final EnabledPlugins plugins;
  private final SocketServer server;
  private final Path socket;
  private final Leases leases;
  private final GpuSampler gpus;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Daemon(
      Hosthog hosthog,
      EnabledPlugins plugins,
      SocketServer server,
      Path socket,
      Leases leases,
      GpuSampler gpus) {
    this.hosthog = hosthog;
    this.plugins = plugins;
    this.server = server;
    this.socket = socket;
    this.leases = leases;
    this.gpus = gpus;
  }

  public static Daemon start(HosthogConfig config) {
    return start(config, CommandLines.NONE);
  }

  /** A daemon that also runs the command lines thin clients send ({@code hosthog list}...). */
  public static Daemon start(HosthogConfig config, CommandLines commandLines) {
    return start(config, Clock.systemUTC(), ZoneId.systemDefault(), commandLines);
  }

  public static Daemon start(HosthogConfig config, Clock clock, ZoneId zone) {
    return start(config, clock, zone, CommandLines.NONE);
  }

  public static Daemon start(
      HosthogConfig config, Clock clock, ZoneId zone, CommandLines commandLines) {
    if (SocketFiles.isServed(config.socket())) { // before touching the store another daemon owns
      throw new HosthogException(
          "another hosthog daemon already serves "
              + config.socket()
              + "; stop it first (or use another [daemon] socket)");
    }
    createStateDir(config.stateDir());
    HostSetup setup = HostSetup.load(config);
    Plugins found = setup.plugins();
    Hosthog hosthog = setup.open(clock, zone);
    EnabledPlugins plugins = null;
    Leases leases = null;
    GpuSampler gpus = null;
    try {
      leases = Leases.open(hosthog.reservations(), clock, config.stateDir());
      GpuWatch watch =
          new GpuWatch(
              hosthog.reservations(),
              config.limits().idleAfter(),
              config.limits().idleBelowPercent(),
              clock,
              hosthog::announce);
      gpus =
          new GpuSampler(
                  new NvidiaSmi(config.nvidiaSmi(), GpuSampler.CALL_TIMEOUT),
                  hosthog.inventory(),
                  config.sampleEvery(),
                  clock)
              .onSample(watch::sample)
              .start();
      ActivityProbe activity = new ActivityProbe(Utmp.DEFAULT, gpus::last, watch::idle);
      // plugins open before the handler exists; a request they relay before it does is refused
      AtomicReference<RequestHandler> served = new AtomicReference<>();
      plugins =
          EnabledPlugins.open(
              found,
              config,
              hosthog.host(),
              clock,
              zone,
              hosthog.reservations(),
              activity::now,
              (user, via, vouch, line) ->
                  relay(served.get(), user, via, vouch, config.adminGroups(), line));
      RequestHandler handler =
          handler(setup, hosthog, plugins, activity, leases, clock, zone, commandLines);
      served.set(handler);
      ServerSocketChannel channel = SocketFiles.bind(config.socket());
      SocketServer server =
          SocketServer.start(channel, handler, SocketServer.Limits.DEFAULT, new PeerIdentity());
      LOG.log(System.Logger.Level.INFO, started(config, hosthog, plugins, found));
      return new Daemon(hosthog, plugins, server, config.socket(), leases, gpus);
    } catch (IOException | RuntimeException e) {
      if (gpus != null) {
        gpus.close();
      }
      if (leases != null) {
        leases.close();
      }
      if (plugins != null) {
        plugins.close();
      }
      hosthog.close();
      throw e instanceof HosthogException h
          ? h
          : new HosthogException("cannot start the daemon: " + e.getMessage(), e);
    }
  }

  /** The socket's handler: every op, with what the daemon offers them. */
  private static RequestHandler handler(
      HostSetup setup,
      Hosthog hosthog,
      EnabledPlugins plugins,
      ActivityProbe activity,
      Leases leases,
      Clock clock,
      ZoneId zone,
      CommandLines commandLines) {
    Authorizer authorizer = setup.authorizer();
    return new RequestHandler(
        hosthog.host(),
        hosthog.reservations(),
        new TimeGrammar(clock, zone),
        clock,
        new DaemonFacilities(
            plugins::describe,
            authorizer::isAdmin,
            activity::now,
            plugins::syncs,
            plugins::fleet,
            Optional.of(leases)),
        commandLines);
  }

  /** The start-up line of the log: what serves where, with which plugins and admins. */
  private static String started(
      HosthogConfig config, Hosthog hosthog, EnabledPlugins plugins, Plugins found) {
    return "hosthog daemon on "
        + hosthog.host()
        + ": config "
        + config.source()
        + ", store "
        + config.storeBackend()
        + " in "
        + config.stateDir()
        + ", resources "
        + String.join(" ", hosthog.inventory().claimable())
        + ", plugins "
        + (plugins.enabled().isEmpty() ? "none" : String.join(" ", plugins.enabled()))
        + (found.problems().isEmpty()
            ? ""
            : " ("
                + found.problems().size()
                + " could not be loaded, see above and 'hosthog plugins')")
        + ", admins: root and groups "
        + String.join(" ", config.adminGroups())
        + "; listening on "
        + config.socket();
  }

  /**
   * A request a plugin relays for {@code user} (e.g. made on the fleet's web page), served as if
   * the user had sent it on this host's socket, with the admin rights {@code vouch} allows.
   */
  private static String relay(
      RequestHandler handler,
      String user,
      String via,
      Vouch vouch,
      List<String> adminGroups,
      String line) {
    if (handler == null) {
      return new Codec()
          .encodeFailure(
              new Response.Failure<>(
                  ErrorCode.BUSY, "the daemon is still starting; try again in a moment"));
    }
    if (user.equals("root")) { // root of one host is nobody special on another
      return handler.failure(
          ErrorCode.NOT_PERMITTED,
          "root acts on this host from a shell on it, not through " + Text.sanitize(via));
    }
    Set<String> groups = UnixGroups.of(user);
    if (groups.isEmpty()) {
      return handler.failure(
          ErrorCode.NOT_PERMITTED,
          "'" + Text.sanitize(user) + "' has no account on this host, so cannot act on it");
    }
    return handler.handle(new Actor(user, groupsFor(vouch, groups, adminGroups)).via(via), line);
  }

  /** The groups a relayed user acts with: theirs, less or plus this host's admin groups. */
  static Set<String> groupsFor(Vouch vouch, Set<String> groups, List<String> adminGroups) {
    Set<String> acting = new java.util.HashSet<>(groups);
    switch (vouch) {
      case THIS_HOST -> {}
      case ANOTHER_HOST -> acting.removeAll(adminGroups); // an admin here logs in through here
      case ADMIN -> adminGroups.stream().findFirst().ifPresent(acting::add);
    }
    return Set.copyOf(acting);
  }

  private static void createStateDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HosthogException(
          "cannot create the state folder "
              + dir
              + ": "
              + e
              + "; set [daemon] state_dir to a writable folder",
          e);
    }
  }

  public Hosthog hosthog() {
    return hosthog;
  }

  public Path socket() {
    return socket;
  }

  /** Blocks until {@link #close()} has run. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    LOG.log(System.Logger.Level.INFO, "hosthog daemon stopping");
    server.close();
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove " + socket + ": " + e);
    }
    gpus.close();
    leases.close();
    plugins.close();
    hosthog.close();
    stopped.countDown();
  }
}
