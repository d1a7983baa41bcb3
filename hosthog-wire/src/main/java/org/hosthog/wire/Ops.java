package org.hosthog.wire;

import static org.hosthog.wire.JsonForm.listOf;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.api.Inventory;
import org.hosthog.api.spi.FleetHost;

/**
 * The socket protocol as one table: a row per operation, its name, request record, and how its
 * arguments and result travel. Adding an op is a record in {@link Request}, a row here, a handler
 * in the daemon and a command; {@code docs/protocol.md} lists every row (a test keeps it so).
 */
public final class Ops {
  private Ops() {}

  public static final Op<Request.Hello, HelloResult> HELLO =
      new Op<>("hello", Request.Hello.class, Args.none(new Request.Hello()), HelloJson.FORM);

  public static final Op<Request.Claim, Granted> CLAIM =
      new Op<>("claim", Request.Claim.class, ClaimArgs.FORM, GrantedJson.FORM);

  public static final Op<Request.ListReservations, List<ReservationView>> LIST =
      new Op<>(
          "list",
          Request.ListReservations.class,
          Args.of(Ops::writeList, Ops::readList),
          listOf(ReservationJson.FORM));

  public static final Op<Request.Show, ReservationView> SHOW =
      new Op<>(
          "show",
          Request.Show.class,
          Args.of((q, a) -> a.addProperty("id", q.id()), a -> new Request.Show(a.id("id"))),
          ReservationJson.FORM);

  public static final Op<Request.Extend, Granted> EXTEND =
      new Op<>(
          "extend",
          Request.Extend.class,
          Args.of(
              (q, a) -> {
                a.addProperty("id", q.id());
                q.by().ifPresent(t -> a.addProperty("by", t));
                q.until().ifPresent(t -> a.addProperty("until", t));
                series(q.series(), a);
              },
              a ->
                  new Request.Extend(
                      a.id("id"), a.string("by"), a.string("until"), a.bool("series"))),
          GrantedJson.FORM);

  public static final Op<Request.Edit, Granted> EDIT =
      new Op<>(
          "edit",
          Request.Edit.class,
          Args.of(
              (q, a) -> {
                a.addProperty("id", q.id());
                q.at().ifPresent(t -> a.addProperty("at", t));
                q.until().ifPresent(t -> a.addProperty("until", t));
                q.message().ifPresent(t -> a.addProperty("message", t));
                q.resources().ifPresent(rs -> a.add("resources", Json.strings(rs)));
                q.mode().ifPresent(m -> a.addProperty("mode", m));
                a.addProperty("force", q.force());
                series(q.series(), a);
              },
              a ->
                  new Request.Edit(
                      a.id("id"),
                      a.string("at"),
                      a.string("until"),
                      a.string("message"),
                      a.strings("resources"),
                      a.string("mode"),
                      a.bool("force"),
                      a.bool("series"))),
          GrantedJson.FORM);

  public static final Op<Request.Release, Granted> RELEASE =
      new Op<>(
          "release",
          Request.Release.class,
          Args.of(
              (q, a) -> {
                a.addProperty("id", q.id());
                series(q.series(), a);
              },
              a -> new Request.Release(a.id("id"), a.bool("series"))),
          GrantedJson.FORM);

  public static final Op<Request.Status, StatusReport> STATUS =
      new Op<>("status", Request.Status.class, Args.none(new Request.Status()), StatusJson.FORM);

  public static final Op<Request.Motd, MotdResult> MOTD =
      new Op<>("motd", Request.Motd.class, Args.none(new Request.Motd()), TextJson.Motd.FORM);

  public static final Op<Request.Resources, Inventory> RESOURCES =
      new Op<>(
          "resources",
          Request.Resources.class,
          Args.none(new Request.Resources()),
          InventoryJson.FORM);

  public static final Op<Request.Plugins, PluginsReport> PLUGINS =
      new Op<>(
          "plugins", Request.Plugins.class, Args.none(new Request.Plugins()), PluginsJson.FORM);

  public static final Op<Request.Sync, List<SyncReport>> SYNC =
      new Op<>("sync", Request.Sync.class, Args.none(new Request.Sync()), listOf(SyncJson.FORM));

  public static final Op<Request.Web, WebLogin> WEB =
      new Op<>("web", Request.Web.class, Args.none(new Request.Web()), TextJson.Login.FORM);

  public static final Op<Request.Fleet, List<FleetHost>> FLEET =
      new Op<>(
          "fleet",
          Request.Fleet.class,
          Args.none(new Request.Fleet()),
          listOf(FleetJson.Host.FORM));

  public static final Op<Request.FleetUsage, List<org.hosthog.api.spi.FleetUsage>> FLEET_USAGE =
      new Op<>(
          "fleet_usage",
          Request.FleetUsage.class,
          Args.of(
              (q, a) -> {
                a.addProperty("by", q.groupBy());
                a.addProperty("period", q.period());
              },
              a ->
                  new Request.FleetUsage(
                      a.string("by").orElse("user"), a.string("period").orElse("week"))),
          listOf(FleetJson.Usage.FORM));

  public static final Op<Request.Limits, LimitsReport> LIMITS =
      new Op<>("limits", Request.Limits.class, Args.none(new Request.Limits()), LimitsJson.FORM);

  public static final Op<Request.Gpus, List<GpuLine>> GPUS =
      new Op<>("gpus", Request.Gpus.class, Args.none(new Request.Gpus()), listOf(GpuLineJson.FORM));

  public static final Op<Request.Renew, ReservationView> RENEW =
      new Op<>(
          "renew",
          Request.Renew.class,
          Args.of((q, a) -> a.addProperty("id", q.id()), a -> new Request.Renew(a.id("id"))),
          ReservationJson.FORM);

  public static final Op<Request.Wait, WaitResult> WAIT =
      new Op<>(
          "wait",
          Request.Wait.class,
          Args.of(
              (q, a) -> {
                a.add("claim", args(ClaimArgs.FORM, q.claim()));
                q.ticket().ifPresent(t -> a.addProperty("ticket", t));
              },
              a ->
                  new Request.Wait(
                      ClaimArgs.FORM.read(a.object("claim")),
                      a.has("ticket") ? Optional.of(a.id("ticket")) : Optional.empty())),
          WaitJson.Result.FORM);

  public static final Op<Request.Waiting, List<Waiter>> WAITING =
      new Op<>(
          "waiting",
          Request.Waiting.class,
          Args.none(new Request.Waiting()),
          listOf(WaitJson.Line.FORM));

  public static final Op<Request.Page, ReservationPage> PAGE =
      new Op<>(
          "page",
          Request.Page.class,
          Args.of(
              (q, a) -> {
                JsonObject query = new JsonObject();
                writeList(q.query(), query);
                a.add("query", query);
                a.addProperty("limit", q.limit());
              },
              a ->
                  new Request.Page(
                      readList(a.object("query")),
                      a.count("limit").orElseThrow(() -> a.missing("limit")))),
          PageJson.FORM);

  /** Its name is what the thin client writes by hand (it loads no codec, to start fast). */
  public static final Op<Request.Cli, CliOutput> CLI =
      new Op<>(
          Request.Cli.OP,
          Request.Cli.class,
          Args.of(
              (q, a) -> {
                a.add("argv", Json.strings(q.argv()));
                q.columns().ifPresent(n -> a.addProperty("columns", n));
              },
              a ->
                  new Request.Cli(
                      a.strings("argv").orElseThrow(() -> a.missing("argv")), a.count("columns"))),
          CliOutputJson.FORM);

  /** {@code "series": true} only for a change of a series: older daemons know no series. */
  private static void series(boolean series, JsonObject a) {
    if (series) {
      a.addProperty("series", true);
    }
  }

  private static final Map<String, Op<?, ?>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, Op<?, ?>> BY_TYPE = new LinkedHashMap<>();

  static {
    for (Op<?, ?> op :
        List.of(
            HELLO,
            CLAIM,
            LIST,
            SHOW,
            EXTEND,
            EDIT,
            RELEASE,
            STATUS,
            MOTD,
            RESOURCES,
            PLUGINS,
            SYNC,
            WEB,
            FLEET,
            FLEET_USAGE,
            LIMITS,
            RENEW,
            WAIT,
            WAITING,
            PAGE,
            CLI,
            GPUS)) {
      BY_NAME.put(op.name(), op);
      BY_TYPE.put(op.type(), op);
    }
  }

  /** Every op, in the order the protocol grew. */
  public static List<Op<?, ?>> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The op of this name on the wire. */
  public static Optional<Op<?, ?>> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The op that carries {@code request}. */
  @SuppressWarnings("unchecked") // each row pairs a request type with its result type
  public static <R> Op<Request<R>, R> of(Request<R> request) {
    return (Op<Request<R>, R>) BY_TYPE.get(request.getClass());
  }

  private static <Q> JsonObject args(Args<Q> form, Q request) {
    JsonObject a = new JsonObject();
    form.write(request, a);
    return a;
  }

  private static void writeList(Request.ListReservations l, JsonObject a) {
    a.addProperty("all", l.all());
    a.addProperty("mine", l.mine());
    l.user().ifPresent(u -> a.addProperty("user", u));
  }

  private static Request.ListReservations readList(Fields a) {
    return new Request.ListReservations(a.bool("all"), a.bool("mine"), a.string("user"));
  }
}
