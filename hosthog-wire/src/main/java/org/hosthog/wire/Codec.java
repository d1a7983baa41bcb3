package org.hosthog.wire;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.stream.Collectors;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Inventory;
import org.hosthog.api.Text;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetUsage;

/**
 * Turns requests and answers into the protocol's JSON lines and back. The lines' envelope ({@code
 * v}, {@code op}, {@code args}; {@code ok}, {@code result}, {@code error}) is written here; what
 * each op carries inside it is its row in {@link Ops}, and each value's fields are its form.
 *
 * <p>Stateless and thread-safe. Decoding a request never throws anything but {@link WireException},
 * whose code and message go back to the client as they are.
 */
public final class Codec {
  private static final JsonForm<List<ReservationView>> RESERVATIONS =
      JsonForm.listOf(ReservationJson.FORM);

  /** Pretty printing for {@code --json}: made on first use (gson's builder is ~130 classes). */
  private static final class Pretty {
    static final com.google.gson.Gson GSON =
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  }

  // ---- requests ----------------------------------------------------------------------------

  /** The request line (without the newline). */
  public String encode(Request<?> request) {
    return encode(Ops.of(request), request);
  }

  private static <Q extends Request<R>, R> String encode(Op<Q, R> op, Object request) {
    JsonObject args = new JsonObject();
    op.args().write(op.type().cast(request), args);
    JsonObject o = new JsonObject();
    o.addProperty("v", Protocol.VERSION);
    o.addProperty("op", op.name());
    o.add("args", args);
    return o.toString();
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
    String name = top.string("op").orElseThrow(() -> top.missing("op"));
    JsonElement args = o.get("args");
    if (args != null && !args.isJsonNull() && !args.isJsonObject()) {
      throw new WireException(ErrorCode.BAD_REQUEST, "field 'args' must be an object");
    }
    Op<?, ?> op = Ops.named(name).orElseThrow(() -> unknownOp(name));
    return op.args()
        .read(new Fields(Json.isAbsent(args) ? new JsonObject() : args.getAsJsonObject()));
  }

  private static WireException unknownOp(String name) {
    return new WireException(
        ErrorCode.UNKNOWN_OP,
        "unknown operation '"
            + Text.sanitize(name)
            + "'; known: "
            + Ops.all().stream().map(Op::name).collect(Collectors.joining(", ")));
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
    o.add("result", Values.write(result));
    return o.toString();
  }

  /** The line answering with an error; {@code conflicts} only for {@link ErrorCode#CONFLICT}. */
  public String encodeFailure(Response.Failure<?> failure) {
    JsonObject error = new JsonObject();
    error.addProperty("code", failure.code().wire());
    error.addProperty("message", failure.message());
    if (!failure.conflicts().isEmpty()) {
      error.add("conflicts", RESERVATIONS.write(failure.conflicts()));
    }
    JsonObject o = new JsonObject();
    o.addProperty("v", Protocol.VERSION);
    o.addProperty("ok", false);
    o.add("error", error);
    return o.toString();
  }

  /**
   * The daemon's answer to {@code request}.
   *
   * @throws HosthogException if the line is not an answer of this protocol
   */
  public <R> Response<R> decodeResponse(Request<R> request, String line) {
    try {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      if (o.has("ok") && o.get("ok").getAsBoolean()) {
        return new Response.Ok<>(Ops.of(request).result().read(o.get("result")));
      }
      JsonObject error = o.getAsJsonObject("error");
      return new Response.Failure<>(
          ErrorCode.fromWire(error.get("code").getAsString()),
          error.get("message").getAsString(),
          error.has("conflicts") ? RESERVATIONS.read(error.get("conflicts")) : List.of());
    } catch (RuntimeException e) { // gson's IllegalState/JsonParse/NullPointer, a bad time or uuid
      throw new HosthogException(
          "the daemon's answer is not one this client understands ("
              + e.getMessage()
              + "); is the daemon the same version as this client?",
          e);
    }
  }

  // ---- values ------------------------------------------------------------------------------

  /** {@code value} (a result type, or a list of them) as JSON on one line. */
  public String compact(Object value) {
    return Values.write(value).toString();
  }

  /** {@code result} as indented JSON, as {@code --json} prints it. */
  public String pretty(Object result) {
    return Pretty.GSON.toJson(Values.write(result));
  }

  /**
   * The reservation a JSON object holds, as {@link #compact} wrote it.
   *
   * @throws HosthogException if it is not one
   */
  public ReservationView decodeReservation(String json) {
    return read(ReservationJson.FORM, json, "not a hosthog reservation: ");
  }

  /**
   * The inventory a JSON object holds, as {@link #compact} wrote it.
   *
   * @throws HosthogException if it is not one
   */
  public Inventory decodeInventory(String json) {
    return read(InventoryJson.FORM, json, "not a hosthog inventory: ");
  }

  /**
   * The fleet hosts a JSON array holds, as {@link #compact} wrote them (the state server's {@code
   * GET /api/v1/hosts}).
   *
   * @throws HosthogException if it is not such an array
   */
  public List<FleetHost> decodeFleetHosts(String json) {
    return read(JsonForm.listOf(FleetJson.Host.FORM), json, "not a list of fleet hosts: ");
  }

  /**
   * Usage rows as the state server's {@code GET /api/v1/usage} answers them (the row's {@code user}
   * or {@code host}, as {@code groupBy} says), or as the daemon passes them on ({@code who}).
   *
   * @throws HosthogException if it is not such an array
   */
  public List<FleetUsage> decodeFleetUsage(String groupBy, String json) {
    return read(FleetJson.Usage.byColumn(groupBy), json, "not a list of usage rows: ");
  }

  private static <T> T read(JsonForm<T> form, String json, String notOne) {
    try {
      return form.read(JsonParser.parseString(json));
    } catch (RuntimeException e) {
      throw new HosthogException(notOne + e.getMessage(), e);
    }
  }
}
