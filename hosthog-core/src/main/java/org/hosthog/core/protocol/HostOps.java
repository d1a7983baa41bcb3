package org.hosthog.core.protocol;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hosthog.api.Actor;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Inventory;
import org.hosthog.api.PluginException;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.Resource;
import org.hosthog.api.State;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.text.MotdText;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.GpuLine;
import org.hosthog.wire.HelloResult;
import org.hosthog.wire.MotdResult;
import org.hosthog.wire.Protocol;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.StatusReport;
import org.hosthog.wire.SyncReport;
import org.hosthog.wire.WebLogin;

/** The ops about the host as a whole: who am I, what is here, who uses it now, plugins, sync. */
final class HostOps {
  private final String host;
  private final Reservations reservations;
  private final Clock clock;
  private final ZoneId zone;
  private final DaemonFacilities daemon;
  private final MotdText motd;

  HostOps(
      String host, Reservations reservations, Clock clock, ZoneId zone, DaemonFacilities daemon) {
    this.host = host;
    this.reservations = reservations;
    this.clock = clock;
    this.zone = zone;
    this.daemon = daemon;
    this.motd = new MotdText(host, reservations.inventory(), zone);
  }

  HelloResult hello(Actor actor, Request.Hello h) {
    return new HelloResult(
        Protocol.VERSION,
        host,
        zone.getId(),
        actor.user(),
        actor.groups().stream().sorted().toList(),
        daemon.isAdmin().test(actor));
  }

  /**
   * How many of the reservations starting later today {@code status} lists: it answers "who uses
   * the host now, what is free" in a screenful and in a millisecond however busy the day is.
   */
  static final int LATER_TODAY_SHOWN = 10;

  StatusReport status(Actor actor, Request.Status s) {
    Instant now = clock.instant();
    List<Reservation> today = restOfToday(now);
    List<Reservation> active = today.stream().filter(r -> !r.start().isAfter(now)).toList();
    List<Reservation> later = today.stream().filter(r -> r.start().isAfter(now)).toList();
    List<Reservation> laterShown = later.subList(0, Math.min(LATER_TODAY_SHOWN, later.size()));
    HostActivity activity = daemon.activity().get();
    return new StatusReport(
        now.atZone(zone).toOffsetDateTime(),
        ReservationView.of(active, now, zone),
        ReservationView.of(laterShown, now, zone),
        later.size() - laterShown.size(),
        freeNow(reservations.inventory(), active),
        activity.sessions().stream()
            .map(
                x ->
                    new StatusReport.Session(
                        x.user(), x.tty(), x.from(), x.since().atZone(zone).toOffsetDateTime()))
            .toList(),
        activity.gpuProcesses().stream()
            .map(
                p ->
                    new StatusReport.GpuProcess(
                        p.gpu(), p.pid(), p.user(), p.command(), p.memoryMib()))
            .toList(),
        activity.busyProcesses().stream()
            .map(
                p ->
                    new StatusReport.BusyProcess(
                        p.pid(), p.user(), p.command(), Math.round(p.cpuPercent())))
            .toList(),
        activity.gpus().idle().stream()
            .map(
                i ->
                    new StatusReport.IdleGpu(
                        i.gpu(),
                        i.reservation().id(),
                        i.reservation().owner(),
                        i.since().atZone(zone).toOffsetDateTime(),
                        i.utilizationPercent()))
            .toList(),
        activity.gpuProcesses().stream()
            .filter(p -> p.isUnclaimed(active))
            .map(
                p ->
                    new StatusReport.GpuProcess(
                        p.gpu(), p.pid(), p.user(), p.command(), p.memoryMib()))
            .toList(),
        new StatusReport.GpuSample(
            activity.gpus().sampledAt().map(t -> t.atZone(zone).toOffsetDateTime()),
            activity.gpus().problem()));
  }

  /** Every GPU as last sampled, with the reservations holding it now. */
  List<GpuLine> gpus(Actor actor, Request.Gpus g) {
    Instant now = clock.instant();
    HostActivity activity = daemon.activity().get();
    HostActivity.GpuTelemetry t = activity.gpus();
    List<Reservation> active =
        reservations.list(ReservationQuery.overlapping(now, now.plusMillis(1))).stream()
            .filter(r -> r.state(now) == State.ACTIVE)
            .toList();
    List<GpuLine> lines = new ArrayList<>();
    for (Gpu gpu : reservations.inventory().gpus()) {
      int i = gpu.index();
      Optional<HostActivity.GpuLoad> load = t.load(i);
      List<StatusReport.GpuProcess> processes =
          activity.gpuProcesses().stream()
              .filter(p -> p.gpu() == i)
              .map(
                  p ->
                      new StatusReport.GpuProcess(i, p.pid(), p.user(), p.command(), p.memoryMib()))
              .toList();
      List<GpuLine.Claim> claims =
          active.stream()
              .filter(r -> r.holdsGpu(i))
              .map(r -> new GpuLine.Claim(r.id(), r.owner(), modeOn(r, i), local(r.end())))
              .toList();
      lines.add(
          new GpuLine(
              i,
              gpu.name(),
              load.map(l -> OptionalInt.of(l.utilizationPercent())).orElse(OptionalInt.empty()),
              load.map(HostActivity.GpuLoad::memoryUsedMib).orElse(0L),
              load.map(HostActivity.GpuLoad::memoryTotalMib).orElse(gpu.memoryMib()),
              processes,
              claims,
              t.idle().stream()
                  .filter(idle -> idle.gpu() == i)
                  .findFirst()
                  .map(idle -> new GpuLine.Idle(local(idle.since()), idle.utilizationPercent())),
              !processes.isEmpty() && claims.isEmpty(),
              t.sampledAt().map(this::local),
              t.problem()));
    }
    return lines;
  }

  private static String modeOn(Reservation r, int gpu) {
    return r.claims().stream()
        .filter(c -> c.holdsGpu(gpu))
        .findFirst()
        .map(c -> c.mode().name().toLowerCase(java.util.Locale.ROOT))
        .orElse("exclusive");
  }

  private java.time.OffsetDateTime local(Instant t) {
    return t.atZone(zone).toOffsetDateTime();
  }

  MotdResult motd(Actor actor, Request.Motd m) {
    Instant now = clock.instant();
    return new MotdResult(motd.render(restOfToday(now), daemon.activity().get(), now));
  }

  /** Syncs every enabled calendar now and reports each one's status. */
  List<SyncReport> sync(Actor actor, Request.Sync s) {
    List<SyncReport> out = new ArrayList<>();
    for (CalendarSync sync : daemon.syncs().get()) {
      out.add(report(sync.syncNow(), "calendar"));
    }
    daemon.fleet().get().ifPresent(link -> out.add(report(link.syncNow(), "state server")));
    if (out.isEmpty()) {
      throw new Refusal(
          ErrorCode.INVALID,
          "no calendar sync is enabled on this host; an admin adds a [sync.caldav] section (or"
              + " [sync.fleet], to link it to a state server) to the config (see the README)");
    }
    return out;
  }

  private SyncReport report(SyncStatus status, String target) {
    return new SyncReport(
        status.lastSuccess().map(t -> t.atZone(zone).toOffsetDateTime()),
        status.pending(),
        status.problems(),
        target);
  }

  /** A one-time login URL to the fleet's web page for the caller, from the state server. */
  WebLogin web(Actor actor, Request.Web w) {
    FleetLink link = fleetLink();
    if (actor.isRoot()) { // root here is nobody special on the other hosts the web reaches
      throw new Refusal(
          ErrorCode.NOT_PERMITTED,
          "log in to the fleet's web page as yourself: run 'hosthog web' as your own user, not"
              + " as root");
    }
    return new WebLogin(askServer(() -> link.loginUrl(actor.user())));
  }

  /** The fleet's hosts and what is free on them now, from the state server. */
  List<FleetHost> fleet(Actor actor, Request.Fleet f) {
    FleetLink link = fleetLink();
    return askServer(link::hosts);
  }

  /** The fleet's usage statistics, from the state server. */
  List<org.hosthog.api.spi.FleetUsage> fleetUsage(Actor actor, Request.FleetUsage u) {
    FleetLink link = fleetLink();
    return askServer(() -> link.usage(u.groupBy(), u.period()));
  }

  /** The server's answer; its refusal or absence is the caller's refusal, not a daemon failure. */
  private static <T> T askServer(java.util.function.Supplier<T> question) {
    try {
      return question.get();
    } catch (PluginException e) {
      throw new Refusal(ErrorCode.INVALID, e.getMessage());
    }
  }

  private FleetLink fleetLink() {
    return daemon
        .fleet()
        .get()
        .orElseThrow(
            () ->
                new Refusal(
                    ErrorCode.INVALID,
                    host
                        + " is not linked to a hosthog state server; an admin enrols it"
                        + " ('hosthog server enroll "
                        + host
                        + "' on the server) and adds a [sync.fleet] section (see the README)"));
  }

  /** Reservations overlapping the rest of today, in the host's zone. */
  private List<Reservation> restOfToday(Instant now) {
    Instant midnight = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    return reservations.list(ReservationQuery.overlapping(now, midnight));
  }

  /**
   * Each GPU, the CPUs as a whole, and each named resource nobody holds now; the host if nobody
   * holds anything.
   */
  static List<String> freeNow(Inventory inv, List<Reservation> active) {
    List<String> free = new ArrayList<>();
    for (Resource unit : inv.units()) {
      if (active.stream().flatMap(r -> r.claims().stream()).noneMatch(c -> c.holds(unit))) {
        free.add(unit.text());
      }
    }
    return free;
  }
}
