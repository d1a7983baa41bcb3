package org.hosthog.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Inventory;
import org.hosthog.api.Limits;
import org.hosthog.api.Reservations;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.Settings;
import org.hosthog.config.TomlSettings;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.inventory.InventoryDetector;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.core.service.Authorizer;
import org.hosthog.core.service.EventBus;
import org.hosthog.core.service.ReservationService;
import org.hosthog.core.service.Scheduler;

/**
 * hosthog's core, opened on a store: the entry point for the daemon and for programs that embed
 * hosthog.
 *
 * <pre>{@code
 * try (Hosthog hosthog = Hosthog.builder().stateDir(dir).gpus(4).build()) {
 *   Outcome o = hosthog.reservations().claim(Actor.of("alice"), request);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the scheduler, delivers pending events and closes the
 * store.
 */
public final class Hosthog implements AutoCloseable {
  private final ReservationStore store;
  private final EventBus events;
  private final ReservationService service;
  private final Optional<Scheduler> scheduler;
  private boolean closed;

  private Hosthog(Builder b, ReservationStore store) {
    this.store = store;
    this.events = new EventBus();
    this.service =
        new ReservationService(
            b.host,
            store,
            b.inventory,
            new Authorizer(b.adminGroups),
            b.clock,
            b.zone,
            events,
            b.limits);
    if (b.scheduler) {
      Scheduler s = new Scheduler(store, events, b.clock, b.zone, b.headsUp);
      events.subscribe(e -> s.wake()); // a change may bring the next due moment closer
      s.start();
      this.scheduler = Optional.of(s);
    } else {
      this.scheduler = Optional.empty();
    }
  }

  /** A builder with every setting at its default; give it a store or a state folder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The host's reservations: claim, change, release, list; events to subscribe to. */
  public Reservations reservations() {
    return service;
  }

  /**
   * Tells every subscriber of something that is not a reservation change, such as the daemon's GPU
   * watch noticing an idle claim; after the events published before it.
   */
  public void announce(HostEvent event) {
    events.publish(event);
  }

  /** What can be claimed on this host. */
  public Inventory inventory() {
    return service.inventory();
  }

  /** The host's name. */
  public String host() {
    return service.host();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.ifPresent(Scheduler::close);
    events.close();
    store.close();
  }

  /** Settings for {@link Hosthog}; every one has a default. */
  public static final class Builder {
    private String host = machineHostName();
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.systemDefault();
    private Set<String> adminGroups = Set.copyOf(HosthogConfig.DEFAULT_ADMIN_GROUPS);
    private Duration headsUp = HosthogConfig.DEFAULT_HEADS_UP;
    private Limits limits = Limits.none();
    private Inventory inventory;
    private ReservationStore store;
    private String storeBackend = "sqlite";
    private Settings storeSettings = TomlSettings.empty("(defaults)", "store.sqlite");
    private Path stateDir;
    private boolean scheduler = true;

    private Builder() {}

    /** The host's name in messages and the calendar (default: the machine's host name). */
    public Builder host(String name) {
      this.host = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The clock every "now" comes from (default: the system's, in UTC). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The host's time zone: days, midnight and "1d" count on its calendar (default: the JVM's). */
    public Builder zone(ZoneId z) {
      this.zone = Objects.requireNonNull(z, "zone");
      return this;
    }

    /**
     * Groups whose members may change anyone's reservations (default: {@code sudo}, {@code
     * hosthog-admin}).
     */
    public Builder adminGroups(Set<String> groups) {
      this.adminGroups = Set.copyOf(groups);
      return this;
    }

    /**
     * How long before an exclusive claim starts its heads-up event is raised (default: 5 minutes).
     */
    public Builder headsUp(Duration d) {
      this.headsUp = Objects.requireNonNull(d, "headsUp");
      return this;
    }

    /** How much one user may claim (default: no limits); see {@link Limits}. */
    public Builder limits(Limits l) {
      this.limits = Objects.requireNonNull(l, "limits");
      return this;
    }

    /** What can be claimed; by default detected (CPUs from the OS, GPUs from nvidia-smi). */
    public Builder inventory(Inventory i) {
      this.inventory = Objects.requireNonNull(i, "inventory");
      return this;
    }

    /** Shorthand for an inventory with this host's CPUs, {@code n} GPUs and no named resources. */
    public Builder gpus(int n) {
      return inventory(InventoryDetector.withGpus(n));
    }

    /** Uses this store (closed with hosthog); otherwise one is opened by backend id. */
    public Builder store(ReservationStore s) {
      this.store = Objects.requireNonNull(s, "store");
      return this;
    }

    /** The store provider's id ({@code sqlite} by default) and its settings. */
    public Builder storeBackend(String id, Settings settings) {
      this.storeBackend = Objects.requireNonNull(id, "id");
      this.storeSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Where a store opened by backend id keeps its files. */
    public Builder stateDir(Path dir) {
      this.stateDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Whether to raise start, end, heads-up and new-day events (default: yes). */
    public Builder scheduler(boolean on) {
      this.scheduler = on;
      return this;
    }

    /**
     * Opens the store (unless one was given) and starts the scheduler.
     *
     * @throws IllegalStateException if neither a store nor a state folder was given
     * @throws org.hosthog.api.StoreException if the store cannot be opened
     */
    public Hosthog build() {
      if (inventory == null) {
        inventory(
            InventoryDetector.detect(
                HosthogConfig.defaults(org.hosthog.core.config.Locations.forCurrentUser())));
      }
      ReservationStore s = store;
      if (s == null) {
        if (stateDir == null) {
          throw new IllegalStateException("give a store or a state folder to open one in");
        }
        s = Plugins.builtIn().openStore(storeBackend, host, stateDir, storeSettings);
      }
      return new Hosthog(this, s);
    }
  }

  /** The machine's host name, the default name of the host in messages and the calendar. */
  public static String machineHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
