package org.hosthog.core.protocol;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.hosthog.api.Actor;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.Reservations;
import org.hosthog.core.socket.SocketServer;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.Calls;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Op;
import org.hosthog.wire.Ops;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;
import org.hosthog.wire.WireException;

/**
 * Serves one request line for a caller whose identity the socket established: decodes it, hands it
 * to the op of its kind, encodes the answer.
 *
 * <p>Thread-safe. Never throws: every failure becomes an error answer. Fields a client adds (such
 * as a user name) are ignored.
 */
public final class RequestHandler implements SocketServer.Handler {
  private static final System.Logger LOG = System.getLogger(RequestHandler.class.getName());

  private final Codec codec = new Codec();
  private final Map<Class<?>, OpHandler<?, ?>> ops = new HashMap<>();

  public RequestHandler(
      String host,
      Reservations reservations,
      TimeGrammar time,
      Clock clock,
      DaemonFacilities daemon) {
    this(host, reservations, time, clock, daemon, CommandLines.NONE);
  }

  public RequestHandler(
      String host,
      Reservations reservations,
      TimeGrammar time,
      Clock clock,
      DaemonFacilities daemon,
      CommandLines commandLines) {
    Objects.requireNonNull(commandLines, "commandLines");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(reservations, "reservations");
    Objects.requireNonNull(daemon, "daemon");
    ReservationOps r =
        new ReservationOps(reservations, time, clock, daemon.activity(), daemon.leases());
    HostOps h = new HostOps(host, reservations, clock, time.zone(), daemon);
    register(Ops.HELLO, h::hello);
    register(Ops.CLAIM, r::claim);
    register(Ops.LIST, r::list);
    register(Ops.PAGE, r::page);
    register(Ops.SHOW, r::show);
    register(Ops.EXTEND, r::extend);
    register(Ops.EDIT, r::edit);
    register(Ops.RELEASE, r::release);
    register(Ops.RENEW, r::renew);
    WaitQueue queue = new WaitQueue(r, clock, time.zone());
    register(Ops.WAIT, queue::wait);
    register(Ops.WAITING, (actor, q) -> queue.waiting());
    register(Ops.RESOURCES, (actor, q) -> reservations.inventory());
    register(
        Ops.LIMITS,
        (actor, q) ->
            new org.hosthog.wire.LimitsReport(
                reservations.limits(), reservations.heldToLimits(actor)));
    register(Ops.STATUS, h::status);
    register(Ops.GPUS, h::gpus);
    register(Ops.MOTD, h::motd);
    register(Ops.PLUGINS, (actor, q) -> daemon.plugins().get());
    register(Ops.SYNC, h::sync);
    register(Ops.WEB, h::web);
    register(Ops.FLEET, h::fleet);
    register(Ops.FLEET_USAGE, h::fleetUsage);
    register(Ops.CLI, (actor, q) -> commandLines.run(q, actingFor(actor)));
    for (Op<?, ?> row : Ops.all()) {
      if (!ops.containsKey(row.type())) { // a row without a handler is a programming error
        throw new IllegalStateException("no handler for op '" + row.name() + "'");
      }
    }
  }

  private <Q extends Request<R>, R> void register(Op<Q, R> row, OpHandler<Q, R> op) {
    ops.put(row.type(), op);
  }

  /** The answer line to {@code line} from {@code actor}. */
  @Override
  public String handle(Actor actor, String line) {
    return prepare(actor, line).answer().get();
  }

  /** The answer line of {@code answer}; a result that cannot be written is the daemon's failure. */
  private String encode(Response<?> answer) {
    try {
      return answer instanceof Response.Ok<?> ok
          ? codec.encodeOk(ok.result())
          : codec.encodeFailure((Response.Failure<?>) answer);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "an answer could not be written", e);
      return failure(ErrorCode.INTERNAL, "the daemon failed: " + e.getMessage() + " (see its log)");
    }
  }

  /**
   * The answer to {@code request} from {@code actor}: its result, or why it was refused. Never
   * throws.
   */
  public <R> Response<R> answer(Actor actor, Request<R> request) {
    try {
      return new Response.Ok<>(serve(actor, request));
    } catch (WireException e) {
      return new Response.Failure<>(e.code(), e.getMessage());
    } catch (InvalidInputException e) {
      return new Response.Failure<>(ErrorCode.BAD_INPUT, e.getMessage());
    } catch (Refusal e) {
      return new Response.Failure<>(
          e.failure().code(), e.failure().message(), e.failure().conflicts());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "request from " + actor.user() + " failed", e);
      return new Response.Failure<>(
          ErrorCode.INTERNAL, "the daemon failed: " + e.getMessage() + " (see its log)");
    }
  }

  /**
   * Requests answered here for {@code actor}, as if sent on the socket by them; a command line
   * cannot run another.
   */
  private Calls actingFor(Actor actor) {
    return new Calls() {
      @Override
      public <R> Response<R> call(Request<R> request) {
        if (request instanceof Request.Cli) {
          return new Response.Failure<>(
              ErrorCode.BAD_REQUEST, "a command line cannot run another command line");
        }
        return answer(actor, request);
      }
    };
  }

  /**
   * Sync, the web login, the fleet and its usage wait on a calendar or the state server (also as
   * the command line {@code hosthog sync} a thin client sends): they are remote jobs.
   */
  @Override
  public SocketServer.Handler.Job prepare(Actor actor, String line) {
    Request<?> request;
    try {
      request = codec.decodeRequest(line);
    } catch (WireException e) {
      return new SocketServer.Handler.Job(false, () -> failure(e.code(), e.getMessage()));
    }
    return new SocketServer.Handler.Job(remote(request), () -> encode(answer(actor, request)));
  }

  private static boolean remote(Request<?> request) {
    return request instanceof Request.Sync
        || request instanceof Request.Web
        || request instanceof Request.Fleet
        || request instanceof Request.FleetUsage
        || request instanceof Request.Cli c
            && !c.argv().isEmpty()
            && REMOTE_COMMANDS.contains(c.argv().get(0));
  }

  private static final java.util.Set<String> REMOTE_COMMANDS =
      java.util.Set.of("sync", "web", "fleet");

  /** The answer line for a failure, also for those the socket server detects itself. */
  @Override
  public String failure(ErrorCode code, String message) {
    return codec.encodeFailure(new Response.Failure<>(code, message));
  }

  @SuppressWarnings("unchecked") // register() pairs each request type with an op of that type
  private <R> R serve(Actor actor, Request<R> request) {
    OpHandler<Request<R>, R> op = (OpHandler<Request<R>, R>) ops.get(request.getClass());
    return op.serve(actor, request);
  }
}
