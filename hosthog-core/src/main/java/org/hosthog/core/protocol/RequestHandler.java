package org.hosthog.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hosthog.api.Actor;
import org.hosthog.api.Change;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.EditRequest;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.Mode;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.Reservations;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.core.motd.MotdText;
import org.hosthog.core.protocol.Protocol.ErrorCode;
import org.hosthog.core.time.TimeGrammar;

/**
 * Serves one request line for a caller whose identity the socket established.
 *
 * <p>Thread-safe. Never throws: every failure becomes an error response. Fields a client adds
 * (such as a user name) are ignored; only {@code op} and {@code args} are read.
 */
public final class RequestHandler {
  private static final System.Logger LOG = System.getLogger(RequestHandler.class.getName());

  private final String host;
  private final Reservations reservations;
  private final TimeGrammar time;
  private final JsonCodec json;
  private final Clock clock;
  private final DaemonFacilities daemon;
  private final MotdText motd;

  public RequestHandler(
      String host,
      Reservations reservations,
      TimeGrammar time,
      Clock clock,
      DaemonFacilities daemon) {
    this.host = Objects.requireNonNull(host, "host");
    this.reservations = Objects.requireNonNull(reservations, "reservations");
    this.time = Objects.requireNonNull(time, "time");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.json = new JsonCodec(time.zone());
    this.daemon = Objects.requireNonNull(daemon, "daemon");
    this.motd = new MotdText(host, reservations.inventory(), time.zone());
  }

  /** The response to {@code line} from {@code actor}. */
  public JsonObject handle(Actor actor, String line) {
    try {
      JsonObject request = parse(line);
      String op = new Args(request).requiredString("op");
      JsonElement args = request.get("args");
      if (args != null && !args.isJsonNull() && !args.isJsonObject()) {
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'args' must be an object");
      }
      Args a = new Args(args == null || args.isJsonNull() ? new JsonObject() : args.getAsJsonObject());
      return Protocol.ok(dispatch(actor, op, a));
    } catch (ProtocolException e) {
      return Protocol.error(e.code(), e.getMessage());
    } catch (InvalidInputException e) {
      return Protocol.error(ErrorCode.BAD_INPUT, e.getMessage());
    } catch (RefusedException e) {
      return e.response;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "request from " + actor.user() + " failed", e);
      return Protocol.error(ErrorCode.INTERNAL, "the daemon failed: " + e.getMessage() + " (see its log)");
    }
  }

  private static JsonObject parse(String line) {
    JsonElement e;
    try {
      e = JsonParser.parseString(line);
    } catch (JsonParseException | StackOverflowError ex) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "the request is not valid JSON");
    }
    if (!e.isJsonObject()) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "a request is a JSON object with 'v', 'op' and 'args'");
    }
    JsonObject o = e.getAsJsonObject();
    JsonElement v = o.get("v");
    if (!(v instanceof JsonPrimitive p && p.isNumber() && p.getAsDouble() == Protocol.VERSION)) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + v + " is not supported; this daemon speaks version " + Protocol.VERSION
              + ". Use a hosthog client of the same version as the daemon.");
    }
    return o;
  }

  private JsonElement dispatch(Actor actor, String op, Args a) {
    Instant now = clock.instant();
    switch (op) {
      case "hello":
        return hello(actor);
      case "claim":
        return granted(reservations.claim(actor, claimRequest(a, now)), now);
      case "list":
        return json.reservations(reservations.list(listQuery(actor, a, now)), now);
      case "show":
        return show(a.id("id"), now);
      case "extend":
        return granted(reservations.edit(actor, a.id("id"), extension(a)), now);
      case "edit":
        return granted(reservations.edit(actor, a.id("id"), editRequest(a)), now);
      case "release":
        return granted(reservations.release(actor, a.id("id")), now);
      case "resources":
        return json.inventory(reservations.inventory());
      case "status":
        return new StatusReport(reservations, json).status(now, time.zone(), daemon.activity().get());
      case "motd":
        return motdText(now);
      case "plugins":
        return daemon.plugins().get();
      case "sync":
        return sync();
      default:
        throw new ProtocolException(
            ErrorCode.UNKNOWN_OP,
            "unknown operation '" + org.hosthog.api.Text.sanitize(op)
                + "'; known: hello, claim, list, show, extend, edit, release, status, motd, resources, plugins, sync");
    }
  }

  private JsonObject motdText(Instant now) {
    Instant midnight = now.atZone(time.zone()).toLocalDate().plusDays(1).atStartOfDay(time.zone()).toInstant();
    JsonObject o = new JsonObject();
    o.addProperty("text", motd.render(reservations.list(ReservationQuery.overlapping(now, midnight)), daemon.activity().get(), now));
    return o;
  }

  /** Syncs every enabled calendar now and reports each one's status. */
  private JsonElement sync() {
    List<CalendarSync> syncs = daemon.syncs().get();
    if (syncs.isEmpty()) {
      throw new ProtocolException(ErrorCode.INVALID,
          "no calendar sync is enabled on this host; an admin adds a [sync.caldav] section to the config (see the README)");
    }
    JsonArray out = new JsonArray();
    for (CalendarSync sync : syncs) {
      SyncStatus status = sync.syncNow();
      JsonObject o = new JsonObject();
      o.add("last_success", status.lastSuccess().<JsonElement>map(t -> new JsonPrimitive(json.time(t))).orElse(com.google.gson.JsonNull.INSTANCE));
      o.addProperty("pending", status.pending());
      JsonArray problems = new JsonArray();
      status.problems().forEach(problems::add);
      o.add("problems", problems);
      out.add(o);
    }
    return out;
  }

  private JsonObject hello(Actor actor) {
    JsonObject o = new JsonObject();
    o.addProperty("version", Protocol.VERSION);
    o.addProperty("host", host);
    o.addProperty("zone", time.zone().getId());
    o.addProperty("user", actor.user());
    JsonArray groups = new JsonArray();
    actor.groups().stream().sorted().forEach(groups::add);
    o.add("groups", groups);
    o.addProperty("admin", daemon.isAdmin().test(actor));
    return o;
  }

  private ClaimRequest claimRequest(Args a, Instant now) {
    List<Claim> claims = claims(a.strings("resources").orElse(List.of("host")), mode(a));
    Instant start = a.string("at").map(time::start).orElse(now);
    if (a.string("in").isPresent()) {
      if (a.string("at").isPresent()) {
        throw new InvalidInputException("give --at or --in, not both");
      }
      start = time.duration(a.string("in").get()).addTo(now, time.zone());
    }
    Optional<String> forSpan = a.string("for");
    Optional<String> until = a.string("until");
    if (forSpan.isPresent() == until.isPresent()) {
      throw new InvalidInputException("a claim needs an end: give --for DURATION (e.g. --for 2h) or --until WHEN (e.g. --until fri 18:00), not both");
    }
    Instant end = forSpan.isPresent() ? time.duration(forSpan.get()).addTo(start, time.zone()) : time.end(until.get());
    String message = a.string("message").orElse("");
    return new ClaimRequest(claims, start, end, message, a.bool("force"));
  }

  private EditRequest extension(Args a) {
    Optional<String> by = a.string("by");
    Optional<String> until = a.string("until");
    if (by.isPresent() == until.isPresent()) {
      throw new InvalidInputException("extend needs --by DURATION (e.g. --by 2h) or --until WHEN (e.g. --until fri), not both");
    }
    if (until.isPresent()) {
      return EditRequest.endAt(time.end(until.get()));
    }
    long id = a.id("id");
    Reservation current = reservations.find(id).orElseThrow(() -> notFound(id));
    return EditRequest.endAt(time.duration(by.get()).addTo(current.end(), time.zone()));
  }

  private EditRequest editRequest(Args a) {
    Optional<Mode> mode = mode(a);
    Optional<List<Claim>> claims = a.strings("resources").map(rs -> claims(rs, mode));
    if (claims.isEmpty() && mode.isPresent()) {
      long id = a.id("id");
      Reservation current = reservations.find(id).orElseThrow(() -> notFound(id));
      claims = Optional.of(current.claims().stream().map(c -> new Claim(c.resource(), mode.get())).toList());
    }
    return new EditRequest(
        claims, a.string("at").map(time::start), a.string("until").map(time::end), a.string("message"), a.bool("force"));
  }

  private static Optional<Mode> mode(Args a) {
    return a.string("mode").map(Mode::parse);
  }

  private static List<Claim> claims(List<String> resources, Optional<Mode> mode) {
    List<Claim> claims = new ArrayList<>();
    for (String text : resources) {
      Resource r = Resource.parse(text);
      claims.add(new Claim(r, mode.orElse(r.defaultMode())));
    }
    return claims;
  }

  private ReservationQuery listQuery(Actor actor, Args a, Instant now) {
    ReservationQuery q = a.bool("all") ? ReservationQuery.history() : ReservationQuery.current(now);
    if (a.bool("mine")) {
      q = q.ownedBy(actor.user());
    }
    Optional<String> user = a.string("user");
    if (user.isPresent()) {
      q = q.ownedBy(user.get());
    }
    return q;
  }

  private JsonObject show(long id, Instant now) {
    Reservation r = reservations.find(id).orElseThrow(() -> notFound(id));
    JsonObject o = json.reservation(r, now);
    JsonArray history = new JsonArray();
    for (Change c : reservations.history(id)) {
      JsonObject h = new JsonObject();
      h.addProperty("at", json.time(c.at()));
      h.addProperty("actor", c.actor());
      h.addProperty("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
      h.addProperty("detail", c.detail());
      history.add(h);
    }
    o.add("history", history);
    return o;
  }

  /** The outcome as a response; states are computed after the change (its start may be "now"). */
  private JsonElement granted(Outcome outcome, Instant before) {
    Instant now = clock.instant().isBefore(before) ? before : clock.instant();
    if (outcome instanceof Outcome.Granted g) {
      JsonObject o = new JsonObject();
      o.add("reservation", json.reservation(g.reservation(), now));
      o.add("overridden", json.reservations(g.overridden(), now));
      return o;
    }
    if (outcome instanceof Outcome.Conflict c) {
      JsonObject response = Protocol.error(ErrorCode.CONFLICT, conflictMessage(c.conflicts()));
      response.getAsJsonObject("error").add("conflicts", json.reservations(c.conflicts(), now));
      throw new RefusedException(response);
    }
    Outcome.Denied d = (Outcome.Denied) outcome;
    ErrorCode code =
        switch (d.reason()) {
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case NOT_PERMITTED -> ErrorCode.NOT_PERMITTED;
          case INVALID -> ErrorCode.INVALID;
        };
    throw new ProtocolException(code, d.message());
  }

  private static String conflictMessage(List<Reservation> conflicts) {
    StringBuilder s = new StringBuilder("conflicts with ");
    for (int i = 0; i < conflicts.size(); i++) {
      Reservation r = conflicts.get(i);
      s.append(i == 0 ? "" : ", ").append("reservation ").append(r.id()).append(" of ").append(r.owner())
          .append(" (").append(r.resourcesText()).append(')');
    }
    return s.append("; pick other resources or times, or add --force to announce it anyway (they will be told)").toString();
  }

  private ProtocolException notFound(long id) {
    return new ProtocolException(ErrorCode.NOT_FOUND, "there is no reservation " + id + "; see 'hosthog list'");
  }

  /** Carries a ready error response (a conflict with its list) out of the dispatch. */
  private static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient JsonObject response;

    RefusedException(JsonObject response) {
      super(null, null, false, false);
      this.response = response;
    }
  }
}
