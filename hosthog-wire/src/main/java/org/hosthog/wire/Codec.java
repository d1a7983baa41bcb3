package org.hosthog.wire;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hosthog.api.Claim;
import org.hosthog.api.Gpu;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Inventory;
import org.hosthog.api.Limits;
import org.hosthog.api.Mode;
import org.hosthog.api.Resource;
import org.hosthog.api.Text;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetUsage;

/**
 * Turns requests and answers into the protocol's JSON lines and back: the one place that knows
 * field names.
 *
 * <p>Stateless and thread-safe. Decoding a request never throws anything but {@link WireException},
 * whose code and message go back to the client as they are.
 */
public final class Codec {
  private static final String KNOWN_OPS =
      "hello, claim, list, show, extend, edit, release, status, motd, resources, plugins, sync, web,"
          + " fleet, fleet_usage, limits, renew, wait, waiting, page, cli";

  /** Pretty printing for {@code --json}: made on first use (gson's builder is ~130 classes). */
  private static final class Pretty {
    static final com.google.gson.Gson GSON =
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  }

  // ---- requests ----------------------------------------------------------------------------

  /** The request line (without the newline). */
  public String encode(Request<?> request) {
    JsonObject o = new JsonObject();
    o.addProperty("v", Protocol.VERSION);
    o.addProperty("op", request.op());
    o.add("args", args(request));
    return o.toString();
  }

  private static JsonObject args(Request<?> request) {
    JsonObject a = new JsonObject();
    if (request instanceof Request.Claim c) {
      a.add("resources", strings(c.resources()));
      c.gpus().ifPresent(n -> a.addProperty("gpus", n));
      c.mode().ifPresent(m -> a.addProperty("mode", m));
      c.at().ifPresent(t -> a.addProperty("at", t));
      c.in().ifPresent(t -> a.addProperty("in", t));
      c.forSpan().ifPresent(t -> a.addProperty("for", t));
      c.until().ifPresent(t -> a.addProperty("until", t));
      a.addProperty("message", c.message());
      a.addProperty("force", c.force());
      if (c.lease()) {
        a.addProperty("lease", true);
      }
    } else if (request instanceof Request.ListReservations l) {
      a.addProperty("all", l.all());
      a.addProperty("mine", l.mine());
      l.user().ifPresent(u -> a.addProperty("user", u));
    } else if (request instanceof Request.FleetUsage u) {
      a.addProperty("by", u.groupBy());
      a.addProperty("period", u.period());
    } else if (request instanceof Request.Cli c) {
      a.add("argv", strings(c.argv()));
      c.columns().ifPresent(n -> a.addProperty("columns", n));
    } else if (request instanceof Request.Page p) {
      a.add("query", args(p.query()));
      a.addProperty("limit", p.limit());
    } else if (request instanceof Request.Show s) {
      a.addProperty("id", s.id());
    } else if (request instanceof Request.Release r) {
      a.addProperty("id", r.id());
    } else if (request instanceof Request.Renew r) {
      a.addProperty("id", r.id());
    } else if (request instanceof Request.Wait w) {
      a.add("claim", args(w.claim()));
      w.ticket().ifPresent(t -> a.addProperty("ticket", t));
    } else if (request instanceof Request.Extend e) {
      a.addProperty("id", e.id());
      e.by().ifPresent(t -> a.addProperty("by", t));
      e.until().ifPresent(t -> a.addProperty("until", t));
    } else if (request instanceof Request.Edit e) {
      a.addProperty("id", e.id());
      e.at().ifPresent(t -> a.addProperty("at", t));
      e.until().ifPresent(t -> a.addProperty("until", t));
      e.message().ifPresent(t -> a.addProperty("message", t));
      e.resources().ifPresent(rs -> a.add("resources", strings(rs)));
      e.mode().ifPresent(m -> a.addProperty("mode", m));
      a.addProperty("force", e.force());
    }
    return a;
  }

  /**
   * The request a line holds.
   *
   * @throws WireException for anything but a well-formed request of this protocol version: not
   *     JSON, another version, an unknown op, a field of the wrong type, an id that is not one
   */
  public Request<?> decodeRequest(String line) {
    JsonObject o = object(line);
    JsonElement v = o.get("v");
    if (!(v instanceof JsonPrimitive p && p.isNumber() && p.getAsDouble() == Protocol.VERSION)) {
      throw new WireException(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version "
              + v
              + " is not supported; this daemon speaks version "
              + Protocol.VERSION
              + ". Use a hosthog client of the same version as the daemon.");
    }
    Fields top = new Fields(o);
    String op = top.string("op").orElseThrow(() -> top.missing("op"));
    JsonElement args = o.get("args");
    if (args != null && !args.isJsonNull() && !args.isJsonObject()) {
      throw new WireException(ErrorCode.BAD_REQUEST, "field 'args' must be an object");
    }
    Fields a =
        new Fields(args == null || args.isJsonNull() ? new JsonObject() : args.getAsJsonObject());
    switch (op) {
      case "hello":
        return new Request.Hello();
      case "claim":
        return claim(a);
      case "wait":
        return new Request.Wait(
            claim(a.object("claim")),
            a.has("ticket") ? Optional.of(a.id("ticket")) : Optional.empty());
      case "waiting":
        return new Request.Waiting();
      case "list":
        return listReservations(a);
      case "page":
        return new Request.Page(
            listReservations(a.object("query")),
            a.count("limit").orElseThrow(() -> a.missing("limit")));
      case "cli":
        return new Request.Cli(
            a.strings("argv").orElseThrow(() -> a.missing("argv")), a.count("columns"));
      case "show":
        return new Request.Show(a.id("id"));
      case "extend":
        return new Request.Extend(a.id("id"), a.string("by"), a.string("until"));
      case "edit":
        return new Request.Edit(
            a.id("id"),
            a.string("at"),
            a.string("until"),
            a.string("message"),
            a.strings("resources"),
            a.string("mode"),
            a.bool("force"));
      case "release":
        return new Request.Release(a.id("id"));
      case "renew":
        return new Request.Renew(a.id("id"));
      case "resources":
        return new Request.Resources();
      case "limits":
        return new Request.Limits();
      case "status":
        return new Request.Status();
      case "motd":
        return new Request.Motd();
      case "plugins":
        return new Request.Plugins();
      case "sync":
        return new Request.Sync();
      case "web":
        return new Request.Web();
      case "fleet":
        return new Request.Fleet();
      case "fleet_usage":
        return new Request.FleetUsage(
            a.string("by").orElse("user"), a.string("period").orElse("week"));
      default:
        throw new WireException(
            ErrorCode.UNKNOWN_OP,
            "unknown operation '" + Text.sanitize(op) + "'; known: " + KNOWN_OPS);
    }
  }

  private static JsonObject object(String line) {
    JsonElement e;
    try {
      e = JsonParser.parseString(line);
    } catch (JsonParseException | StackOverflowError ex) {
      throw new WireException(ErrorCode.BAD_REQUEST, "the request is not valid JSON");
    }
    if (!e.isJsonObject()) {
      throw new WireException(
          ErrorCode.BAD_REQUEST, "a request is a JSON object with 'v', 'op' and 'args'");
    }
    return e.getAsJsonObject();
  }

  // ---- answers -----------------------------------------------------------------------------

  /** The line answering with {@code result} (one of the result types of {@link Request}). */
  public String encodeOk(Object result) {
    JsonObject o = new JsonObject();
    o.addProperty("v", Protocol.VERSION);
    o.addProperty("ok", true);
    o.add("result", tree(result));
    return o.toString();
  }

  /** The line answering with an error; {@code conflicts} only for {@link ErrorCode#CONFLICT}. */
  public String encodeFailure(Response.Failure<?> failure) {
    JsonObject error = new JsonObject();
    error.addProperty("code", failure.code().wire());
    error.addProperty("message", failure.message());
    if (!failure.conflicts().isEmpty()) {
      error.add("conflicts", tree(failure.conflicts()));
    }
    JsonObject o = new JsonObject();
    o.addProperty("v", Protocol.VERSION);
    o.addProperty("ok", false);
    o.add("error", error);
    return o.toString();
  }

  /** {@code value} (a result type, or a list of them) as JSON on one line. */
  public String compact(Object value) {
    return tree(value).toString();
  }

  /**
   * The reservation a JSON object holds, as {@link #compact} wrote it.
   *
   * @throws HosthogException if it is not one
   */
  public ReservationView decodeReservation(String json) {
    try {
      return reservation(JsonParser.parseString(json));
    } catch (RuntimeException e) {
      throw new HosthogException("not a hosthog reservation: " + e.getMessage(), e);
    }
  }

  /**
   * The inventory a JSON object holds, as {@link #compact} wrote it.
   *
   * @throws HosthogException if it is not one
   */
  public Inventory decodeInventory(String json) {
    try {
      return inventory(JsonParser.parseString(json).getAsJsonObject());
    } catch (RuntimeException e) {
      throw new HosthogException("not a hosthog inventory: " + e.getMessage(), e);
    }
  }

  /**
   * The fleet hosts a JSON array holds, as {@link #compact} wrote them (the state server's {@code
   * GET /api/v1/hosts}).
   *
   * @throws HosthogException if it is not such an array
   */
  public List<FleetHost> decodeFleetHosts(String json) {
    try {
      return list(JsonParser.parseString(json), Codec::fleetHost);
    } catch (RuntimeException e) {
      throw new HosthogException("not a list of fleet hosts: " + e.getMessage(), e);
    }
  }

  /**
   * Usage rows as the state server's {@code GET /api/v1/usage} answers them (the row's {@code user}
   * or {@code host}, as {@code groupBy} says), or as the daemon passes them on ({@code who}).
   *
   * @throws HosthogException if it is not such an array
   */
  public List<FleetUsage> decodeFleetUsage(String groupBy, String json) {
    try {
      return decodeFleetUsage(groupBy, JsonParser.parseString(json));
    } catch (RuntimeException e) {
      throw new HosthogException("not a list of usage rows: " + e.getMessage(), e);
    }
  }

  private static List<FleetUsage> decodeFleetUsage(String groupBy, JsonElement json) {
    return list(
        json,
        e -> {
          JsonObject o = e.getAsJsonObject();
          JsonElement who = o.has("who") ? o.get("who") : o.get(groupBy);
          return new FleetUsage(
              who.getAsString(),
              java.time.LocalDate.parse(o.get("period").getAsString()),
              o.get("claimed_gpu_hours").getAsDouble(),
              o.get("used_gpu_hours").getAsDouble(),
              o.get("idle_claimed_gpu_hours").getAsDouble(),
              o.get("unclaimed_gpu_hours").getAsDouble());
        });
  }

  /** {@code result} as indented JSON, as {@code --json} prints it. */
  public String pretty(Object result) {
    return Pretty.GSON.toJson(tree(result));
  }

  /**
   * The daemon's answer to {@code request}.
   *
   * @throws HosthogException if the line is not an answer of this protocol
   */
  @SuppressWarnings(
      "unchecked") // each request type fixes its result type; result() reads that type
  public <R> Response<R> decodeResponse(Request<R> request, String line) {
    try {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      if (o.has("ok") && o.get("ok").getAsBoolean()) {
        return new Response.Ok<>((R) result(request, o.get("result")));
      }
      JsonObject error = o.getAsJsonObject("error");
      List<ReservationView> conflicts =
          error.has("conflicts") ? list(error.get("conflicts"), Codec::reservation) : List.of();
      return new Response.Failure<>(
          ErrorCode.fromWire(error.get("code").getAsString()),
          error.get("message").getAsString(),
          conflicts);
    } catch (RuntimeException e) { // gson's IllegalState/JsonParse/NullPointer, a bad time or uuid
      throw new HosthogException(
          "the daemon's answer is not one this client understands ("
              + e.getMessage()
              + "); is the daemon the same version as this client?",
          e);
    }
  }

  private static Request.ListReservations listReservations(Fields a) {
    return new Request.ListReservations(a.bool("all"), a.bool("mine"), a.string("user"));
  }

  private static Request.Claim claim(Fields a) {
    return new Request.Claim(
        a.strings("resources").orElse(List.of()),
        a.count("gpus"),
        a.string("mode"),
        a.string("at"),
        a.string("in"),
        a.string("for"),
        a.string("until"),
        a.string("message").orElse(""),
        a.bool("force"),
        a.bool("lease"));
  }

  private static Object result(Request<?> request, JsonElement e) {
    if (request instanceof Request.Hello) {
      return hello(e.getAsJsonObject());
    } else if (request instanceof Request.ListReservations) {
      return list(e, Codec::reservation);
    } else if (request instanceof Request.Show || request instanceof Request.Renew) {
      return reservation(e);
    } else if (request instanceof Request.Resources) {
      return inventory(e.getAsJsonObject());
    } else if (request instanceof Request.Limits) {
      return limits(e.getAsJsonObject());
    } else if (request instanceof Request.Status) {
      return status(e.getAsJsonObject());
    } else if (request instanceof Request.Motd) {
      return new MotdResult(e.getAsJsonObject().get("text").getAsString());
    } else if (request instanceof Request.Plugins) {
      return plugins(e.getAsJsonObject());
    } else if (request instanceof Request.Sync) {
      return list(e, Codec::sync);
    } else if (request instanceof Request.Web) {
      return new WebLogin(java.net.URI.create(e.getAsJsonObject().get("url").getAsString()));
    } else if (request instanceof Request.Fleet) {
      return list(e, Codec::fleetHost);
    } else if (request instanceof Request.FleetUsage u) {
      return decodeFleetUsage(u.groupBy(), e);
    } else if (request instanceof Request.Page) {
      JsonObject o = e.getAsJsonObject();
      return new ReservationPage(
          list(o.get("reservations"), Codec::reservation), o.get("more").getAsInt());
    } else if (request instanceof Request.Cli) {
      JsonObject o = e.getAsJsonObject();
      return new CliOutput(
          o.get("out").getAsString(), o.get("err").getAsString(), o.get("exit").getAsInt());
    } else if (request instanceof Request.Wait) {
      JsonObject o = e.getAsJsonObject();
      JsonElement g = o.get("granted");
      return new WaitResult(
          g == null || g.isJsonNull()
              ? Optional.empty()
              : Optional.of(granted(g.getAsJsonObject())),
          o.get("ticket").getAsLong(),
          o.get("ahead").getAsInt());
    } else if (request instanceof Request.Waiting) {
      return list(
          e,
          w -> {
            JsonObject o = w.getAsJsonObject();
            return new Waiter(
                o.get("ticket").getAsLong(),
                o.get("user").getAsString(),
                o.get("what").getAsString(),
                OffsetDateTime.parse(o.get("since").getAsString()));
          });
    }
    return granted(e.getAsJsonObject()); // claim, extend, edit, release
  }

  private static Granted granted(JsonObject g) {
    return new Granted(
        reservation(g.get("reservation")), list(g.get("overridden"), Codec::reservation));
  }

  // ---- values to JSON ----------------------------------------------------------------------

  private static JsonElement tree(Object value) {
    if (value instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(item -> a.add(tree(item)));
      return a;
    } else if (value instanceof ReservationView r) {
      return reservation(r);
    } else if (value instanceof Granted g) {
      JsonObject o = new JsonObject();
      o.add("reservation", reservation(g.reservation()));
      o.add("overridden", tree(g.overridden()));
      return o;
    } else if (value instanceof ReservationPage p) {
      JsonObject o = new JsonObject();
      o.add("reservations", tree(p.reservations()));
      o.addProperty("more", p.more());
      return o;
    } else if (value instanceof CliOutput c) {
      JsonObject o = new JsonObject();
      o.addProperty("out", c.out());
      o.addProperty("err", c.err());
      o.addProperty("exit", c.exit());
      return o;
    } else if (value instanceof WaitResult w) {
      JsonObject o = new JsonObject();
      o.add("granted", w.granted().<JsonElement>map(Codec::tree).orElse(JsonNull.INSTANCE));
      o.addProperty("ticket", w.ticket());
      o.addProperty("ahead", w.ahead());
      return o;
    } else if (value instanceof Waiter w) {
      JsonObject o = new JsonObject();
      o.addProperty("ticket", w.ticket());
      o.addProperty("user", w.user());
      o.addProperty("what", w.what());
      o.addProperty("since", w.since().toString());
      return o;
    } else if (value instanceof HelloResult h) {
      JsonObject o = new JsonObject();
      o.addProperty("version", h.version());
      o.addProperty("host", h.host());
      o.addProperty("zone", h.zone());
      o.addProperty("user", h.user());
      o.add("groups", strings(h.groups()));
      o.addProperty("admin", h.admin());
      return o;
    } else if (value instanceof Inventory i) {
      return inventory(i);
    } else if (value instanceof LimitsReport l) {
      return limits(l);
    } else if (value instanceof StatusReport s) {
      return status(s);
    } else if (value instanceof MotdResult m) {
      JsonObject o = new JsonObject();
      o.addProperty("text", m.text());
      return o;
    } else if (value instanceof PluginsReport p) {
      return plugins(p);
    } else if (value instanceof SyncReport s) {
      JsonObject o = new JsonObject();
      o.add(
          "last_success",
          s.lastSuccess()
              .<JsonElement>map(t -> new JsonPrimitive(time(t)))
              .orElse(JsonNull.INSTANCE));
      o.addProperty("pending", s.pending());
      o.add("problems", strings(s.problems()));
      o.addProperty("target", s.target());
      return o;
    } else if (value instanceof WebLogin w) {
      JsonObject o = new JsonObject();
      o.addProperty("url", w.url().toString());
      return o;
    } else if (value instanceof FleetHost h) {
      return fleetHost(h);
    } else if (value instanceof FleetUsage u) {
      JsonObject o = new JsonObject();
      o.addProperty("who", u.who());
      o.addProperty("period", u.period().toString());
      o.addProperty("claimed_gpu_hours", u.claimed());
      o.addProperty("used_gpu_hours", u.used());
      o.addProperty("idle_claimed_gpu_hours", u.idleClaimed());
      o.addProperty("unclaimed_gpu_hours", u.unclaimed());
      return o;
    }
    throw new IllegalArgumentException("not a wire value: " + value.getClass().getName());
  }

  private static JsonObject reservation(ReservationView r) {
    JsonObject o = new JsonObject();
    o.addProperty("id", r.id());
    o.addProperty("uuid", r.uuid().toString());
    o.addProperty("host", r.host());
    o.addProperty("owner", r.owner());
    JsonArray claims = new JsonArray();
    for (Claim c : r.claims()) {
      JsonObject claim = new JsonObject();
      claim.addProperty("resource", c.resource().text());
      claim.addProperty("mode", c.mode().text());
      claims.add(claim);
    }
    o.add("claims", claims);
    o.addProperty("start", time(r.start()));
    o.addProperty("end", time(r.end()));
    o.addProperty("message", r.message());
    o.addProperty("state", r.state());
    o.addProperty("created", time(r.created()));
    o.addProperty("updated", time(r.updated()));
    o.addProperty("updated_by", r.updatedBy());
    o.add(
        "released",
        r.released().<JsonElement>map(t -> new JsonPrimitive(time(t))).orElse(JsonNull.INSTANCE));
    r.history()
        .ifPresent(
            history -> {
              JsonArray a = new JsonArray();
              for (ReservationView.HistoryEntry h : history) {
                JsonObject j = new JsonObject();
                j.addProperty("at", time(h.at()));
                j.addProperty("actor", h.actor());
                j.addProperty("kind", h.kind());
                j.addProperty("detail", h.detail());
                a.add(j);
              }
              o.add("history", a);
            });
    return o;
  }

  /** Durations as ISO-8601 ({@code PT168H}); a limit that is not set is null. */
  private static JsonObject limits(LimitsReport report) {
    Limits l = report.limits();
    JsonObject o = new JsonObject();
    o.add("max_duration", duration(l.maxDuration()));
    o.add("max_future", duration(l.maxFuture()));
    o.add(
        "max_gpus_per_user",
        l.maxGpusPerUser().isPresent()
            ? new JsonPrimitive(l.maxGpusPerUser().getAsInt())
            : JsonNull.INSTANCE);
    o.add("extend_within", duration(l.extendWithin()));
    o.add("exempt_groups", strings(l.exemptGroups().stream().sorted().toList()));
    o.addProperty("idle_after", l.idleAfter().toString());
    o.addProperty("held_to_them", report.heldToThem());
    return o;
  }

  private static JsonElement duration(Optional<java.time.Duration> d) {
    return d.<JsonElement>map(x -> new JsonPrimitive(x.toString())).orElse(JsonNull.INSTANCE);
  }

  private static LimitsReport limits(JsonObject o) {
    java.util.function.Function<String, Optional<java.time.Duration>> d =
        k ->
            o.get(k) == null || o.get(k).isJsonNull()
                ? Optional.empty()
                : Optional.of(java.time.Duration.parse(o.get(k).getAsString()));
    JsonElement gpus = o.get("max_gpus_per_user");
    return new LimitsReport(
        new Limits(
            d.apply("max_duration"),
            d.apply("max_future"),
            gpus == null || gpus.isJsonNull()
                ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(gpus.getAsInt()),
            d.apply("extend_within"),
            java.util.Set.copyOf(list(o.get("exempt_groups"), JsonElement::getAsString)),
            java.time.Duration.parse(o.get("idle_after").getAsString())),
        o.get("held_to_them").getAsBoolean());
  }

  private static JsonObject inventory(Inventory inv) {
    JsonObject o = new JsonObject();
    o.addProperty("cpus", inv.cpus());
    JsonArray gpus = new JsonArray();
    for (Gpu g : inv.gpus()) {
      JsonObject gpu = new JsonObject();
      gpu.addProperty("index", g.index());
      gpu.addProperty("name", g.name());
      gpu.addProperty("uuid", g.uuid());
      gpu.addProperty("memory_mib", g.memoryMib());
      gpus.add(gpu);
    }
    o.add("gpus", gpus);
    o.add("extra", strings(inv.extra()));
    o.add("claimable", strings(inv.claimable()));
    return o;
  }

  private static JsonObject status(StatusReport s) {
    JsonObject o = new JsonObject();
    o.addProperty("now", time(s.now()));
    o.add("active", tree(s.active()));
    o.add("later_today", tree(s.laterToday()));
    o.addProperty("later_today_more", s.laterMore());
    o.add("free", strings(s.free()));
    JsonArray sessions = new JsonArray();
    for (StatusReport.Session x : s.loggedIn()) {
      JsonObject j = new JsonObject();
      j.addProperty("user", x.user());
      j.addProperty("tty", x.tty());
      j.addProperty("from", x.from());
      j.addProperty("since", time(x.since()));
      sessions.add(j);
    }
    o.add("logged_in", sessions);
    o.add("gpu_processes", gpuProcesses(s.gpuProcesses()));
    JsonArray busy = new JsonArray();
    for (StatusReport.BusyProcess p : s.busyProcesses()) {
      JsonObject j = new JsonObject();
      j.addProperty("pid", p.pid());
      j.addProperty("user", p.user());
      j.addProperty("command", p.command());
      j.addProperty("cpu_percent", p.cpuPercent());
      busy.add(j);
    }
    o.add("busy_processes", busy);
    JsonArray idle = new JsonArray();
    for (StatusReport.IdleGpu g : s.idle()) {
      JsonObject j = new JsonObject();
      j.addProperty("gpu", g.gpu());
      j.addProperty("reservation", g.reservation());
      j.addProperty("owner", g.owner());
      j.addProperty("since", time(g.since()));
      idle.add(j);
    }
    o.add("idle", idle);
    o.add("unclaimed", gpuProcesses(s.unclaimed()));
    return o;
  }

  private static JsonArray gpuProcesses(List<StatusReport.GpuProcess> processes) {
    JsonArray gpu = new JsonArray();
    for (StatusReport.GpuProcess p : processes) {
      JsonObject j = new JsonObject();
      j.addProperty("gpu", p.gpu());
      j.addProperty("pid", p.pid());
      j.addProperty("user", p.user());
      j.addProperty("command", p.command());
      j.addProperty("memory_mib", p.memoryMib());
      gpu.add(j);
    }
    return gpu;
  }

  private static StatusReport.GpuProcess gpuProcess(JsonElement e) {
    JsonObject j = e.getAsJsonObject();
    return new StatusReport.GpuProcess(
        j.get("gpu").getAsInt(),
        j.get("pid").getAsLong(),
        j.get("user").getAsString(),
        j.get("command").getAsString(),
        j.get("memory_mib").getAsLong());
  }

  private static JsonObject plugins(PluginsReport p) {
    JsonArray providers = new JsonArray();
    for (PluginsReport.Provider f : p.providers()) {
      JsonObject o = new JsonObject();
      o.addProperty("kind", f.kind());
      o.addProperty("id", f.id());
      o.addProperty("description", f.description());
      o.addProperty("version", f.version());
      o.addProperty("source", f.source());
      o.addProperty("enabled", f.enabled());
      providers.add(o);
    }
    JsonArray problems = new JsonArray();
    for (PluginsReport.Problem x : p.problems()) {
      JsonObject o = new JsonObject();
      o.addProperty("source", x.source());
      o.addProperty("reason", x.reason());
      problems.add(o);
    }
    JsonObject result = new JsonObject();
    result.add("providers", providers);
    result.add("problems", problems);
    return result;
  }

  /**
   * A fleet host as {@code fleet --json} prints it and the state server's {@code GET /api/v1/hosts}
   * answers it; times in UTC.
   */
  private static JsonObject fleetHost(FleetHost h) {
    JsonObject o = new JsonObject();
    o.addProperty("host", h.host());
    o.addProperty("online", h.online());
    o.add("last_seen", instant(h.lastSeen()));
    o.add("resources", strings(h.resources()));
    JsonArray free = new JsonArray();
    for (FleetHost.Free f : h.freeNow()) {
      JsonObject j = new JsonObject();
      j.addProperty("resource", f.resource());
      j.add("until", instant(f.until()));
      free.add(j);
    }
    o.add("free_now", free);
    return o;
  }

  private static JsonElement instant(Optional<Instant> t) {
    return t.<JsonElement>map(i -> new JsonPrimitive(i.toString())).orElse(JsonNull.INSTANCE);
  }

  private static JsonArray strings(List<String> list) {
    JsonArray a = new JsonArray();
    list.forEach(a::add);
    return a;
  }

  private static String time(OffsetDateTime t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  // ---- JSON to values ----------------------------------------------------------------------

  private static ReservationView reservation(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    List<Claim> claims =
        list(
            o.get("claims"),
            c ->
                new Claim(
                    Resource.parse(c.getAsJsonObject().get("resource").getAsString()),
                    Mode.parse(c.getAsJsonObject().get("mode").getAsString())));
    Optional<List<ReservationView.HistoryEntry>> history =
        o.has("history")
            ? Optional.of(
                list(
                    o.get("history"),
                    h -> {
                      JsonObject j = h.getAsJsonObject();
                      return new ReservationView.HistoryEntry(
                          offsetTime(j.get("at")),
                          j.get("actor").getAsString(),
                          j.get("kind").getAsString(),
                          j.get("detail").getAsString());
                    }))
            : Optional.empty();
    return new ReservationView(
        o.get("id").getAsLong(),
        UUID.fromString(o.get("uuid").getAsString()),
        o.get("host").getAsString(),
        o.get("owner").getAsString(),
        claims,
        offsetTime(o.get("start")),
        offsetTime(o.get("end")),
        o.get("message").getAsString(),
        o.get("state").getAsString(),
        offsetTime(o.get("created")),
        offsetTime(o.get("updated")),
        o.get("updated_by").getAsString(),
        optionalTime(o.get("released")),
        history);
  }

  private static HelloResult hello(JsonObject o) {
    return new HelloResult(
        o.get("version").getAsInt(),
        o.get("host").getAsString(),
        o.get("zone").getAsString(),
        o.get("user").getAsString(),
        list(o.get("groups"), JsonElement::getAsString),
        o.get("admin").getAsBoolean());
  }

  private static Inventory inventory(JsonObject o) {
    List<Gpu> gpus =
        list(
            o.get("gpus"),
            e -> {
              JsonObject g = e.getAsJsonObject();
              return new Gpu(
                  g.get("index").getAsInt(),
                  g.get("name").getAsString(),
                  g.get("uuid").getAsString(),
                  g.get("memory_mib").getAsLong());
            });
    return new Inventory(
        o.get("cpus").getAsInt(), gpus, list(o.get("extra"), JsonElement::getAsString));
  }

  private static StatusReport status(JsonObject o) {
    return new StatusReport(
        offsetTime(o.get("now")),
        list(o.get("active"), Codec::reservation),
        list(o.get("later_today"), Codec::reservation),
        o.has("later_today_more") ? o.get("later_today_more").getAsInt() : 0,
        list(o.get("free"), JsonElement::getAsString),
        list(
            o.get("logged_in"),
            e -> {
              JsonObject j = e.getAsJsonObject();
              return new StatusReport.Session(
                  j.get("user").getAsString(),
                  j.get("tty").getAsString(),
                  j.get("from").getAsString(),
                  offsetTime(j.get("since")));
            }),
        list(o.get("gpu_processes"), Codec::gpuProcess),
        list(
            o.get("busy_processes"),
            e -> {
              JsonObject j = e.getAsJsonObject();
              return new StatusReport.BusyProcess(
                  j.get("pid").getAsLong(),
                  j.get("user").getAsString(),
                  j.get("command").getAsString(),
                  j.get("cpu_percent").getAsLong());
            }),
        list(
            o.has("idle") ? o.get("idle") : new JsonArray(),
            e -> {
              JsonObject j = e.getAsJsonObject();
              return new StatusReport.IdleGpu(
                  j.get("gpu").getAsInt(),
                  j.get("reservation").getAsLong(),
                  j.get("owner").getAsString(),
                  offsetTime(j.get("since")));
            }),
        list(o.has("unclaimed") ? o.get("unclaimed") : new JsonArray(), Codec::gpuProcess));
  }

  private static PluginsReport plugins(JsonObject o) {
    return new PluginsReport(
        list(
            o.get("providers"),
            e -> {
              JsonObject p = e.getAsJsonObject();
              return new PluginsReport.Provider(
                  p.get("kind").getAsString(),
                  p.get("id").getAsString(),
                  p.get("description").getAsString(),
                  p.get("version").getAsString(),
                  p.get("source").getAsString(),
                  p.get("enabled").getAsBoolean());
            }),
        list(
            o.get("problems"),
            e -> {
              JsonObject p = e.getAsJsonObject();
              return new PluginsReport.Problem(
                  p.get("source").getAsString(), p.get("reason").getAsString());
            }));
  }

  private static FleetHost fleetHost(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new FleetHost(
        o.get("host").getAsString(),
        o.get("online").getAsBoolean(),
        optionalInstant(o.get("last_seen")),
        list(o.get("resources"), JsonElement::getAsString),
        list(
            o.get("free_now"),
            f ->
                new FleetHost.Free(
                    f.getAsJsonObject().get("resource").getAsString(),
                    optionalInstant(f.getAsJsonObject().get("until")))));
  }

  private static Optional<Instant> optionalInstant(JsonElement e) {
    return e == null || e.isJsonNull()
        ? Optional.empty()
        : Optional.of(OffsetDateTime.parse(e.getAsString()).toInstant());
  }

  private static SyncReport sync(JsonElement e) {
    JsonObject o = e.getAsJsonObject();
    return new SyncReport(
        optionalTime(o.get("last_success")),
        o.get("pending").getAsInt(),
        list(o.get("problems"), JsonElement::getAsString),
        o.has("target") ? o.get("target").getAsString() : "calendar"); // older daemons
  }

  private static <T> List<T> list(JsonElement e, Function<JsonElement, T> read) {
    List<T> out = new ArrayList<>();
    e.getAsJsonArray().forEach(item -> out.add(read.apply(item)));
    return out;
  }

  private static OffsetDateTime offsetTime(JsonElement e) {
    try {
      return OffsetDateTime.parse(e.getAsString());
    } catch (DateTimeParseException ex) {
      throw new IllegalStateException(
          "'" + e.getAsString() + "' is not an ISO-8601 time with offset", ex);
    }
  }

  private static Optional<OffsetDateTime> optionalTime(JsonElement e) {
    return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(offsetTime(e));
  }

  /** Typed, checked access to a JSON object's fields; a wrong type names the field. */
  private static final class Fields {
    private final JsonObject o;

    Fields(JsonObject o) {
      this.o = o;
    }

    Optional<String> string(String name) {
      JsonElement e = o.get(name);
      if (e == null || e.isJsonNull()) {
        return Optional.empty();
      }
      if (e instanceof JsonPrimitive p && p.isString()) {
        return Optional.of(p.getAsString());
      }
      throw wrong(name, "a string");
    }

    boolean has(String name) {
      return o.has(name) && !o.get(name).isJsonNull();
    }

    /** A nested object's fields; missing is an error. */
    Fields object(String name) {
      JsonElement e = o.get(name);
      if (e instanceof JsonObject nested) {
        return new Fields(nested);
      }
      throw e == null || e.isJsonNull() ? missing(name) : wrong(name, "an object");
    }

    WireException missing(String name) {
      return new WireException(ErrorCode.BAD_REQUEST, "field '" + name + "' is missing");
    }

    boolean bool(String name) {
      JsonElement e = o.get(name);
      if (e == null || e.isJsonNull()) {
        return false;
      }
      if (e instanceof JsonPrimitive p && p.isBoolean()) {
        return p.getAsBoolean();
      }
      throw wrong(name, "true or false");
    }

    /** A whole number that counts something (0 up to a million); the range is checked later. */
    Optional<Integer> count(String name) {
      JsonElement e = o.get(name);
      if (e == null || e.isJsonNull()) {
        return Optional.empty();
      }
      if (e instanceof JsonPrimitive p && p.isNumber()) {
        double d = p.getAsDouble();
        if (d == Math.rint(d) && d >= 0 && d <= 1_000_000) {
          return Optional.of((int) d);
        }
      }
      throw wrong(name, "a whole number from 0 to 1000000");
    }

    /** A reservation id: a whole number from 1, or its decimal text (older clients send that). */
    long id(String name) {
      JsonElement e = o.get(name);
      if (e instanceof JsonPrimitive p && p.isNumber()) {
        double d = p.getAsDouble();
        if (d == Math.rint(d) && d >= 1 && d <= Long.MAX_VALUE) {
          return p.getAsLong();
        }
      }
      if (e instanceof JsonPrimitive p && p.isString()) {
        return Request.id(p.getAsString());
      }
      throw Request.notAnId(e == null ? "" : e.toString());
    }

    Optional<List<String>> strings(String name) {
      JsonElement e = o.get(name);
      if (e == null || e.isJsonNull()) {
        return Optional.empty();
      }
      if (!(e instanceof JsonArray a)) {
        throw wrong(name, "an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonElement item : a) {
        if (!(item instanceof JsonPrimitive p && p.isString())) {
          throw wrong(name, "an array of strings");
        }
        out.add(p.getAsString());
      }
      return Optional.of(out);
    }

    private static WireException wrong(String name, String expected) {
      return new WireException(ErrorCode.BAD_REQUEST, "field '" + name + "' must be " + expected);
    }
  }
}
