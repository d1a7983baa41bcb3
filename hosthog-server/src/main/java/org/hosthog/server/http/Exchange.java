package org.hosthog.server.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One HTTP request and its response, with the few helpers the API needs. */
public final class Exchange {
  final Request request;
  public final Response response;
  public final Callback callback;
  private Fields query;

  public Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  public String method() {
    return request.getMethod();
  }

  public String path() {
    return Request.getPathInContext(request);
  }

  public Optional<String> query(String name) {
    if (query == null) {
      query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }
    return Optional.ofNullable(query.getValue(name)).filter(v -> !v.isEmpty());
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  public Optional<String> cookie(String name) {
    for (HttpCookie c : Request.getCookies(request)) {
      if (c.getName().equals(name)) {
        return Optional.of(c.getValue());
      }
    }
    return Optional.empty();
  }

  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /** The body as text; a body over {@code limit} bytes is refused (413) without reading it all. */
  public String body(int limit) {
    long declared = request.getLength();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  /** The body as a JSON object whose keys are all in {@code known}. */
  public JsonObject jsonBody(int limit, Set<String> known) {
    String text = body(limit);
    JsonElement e;
    try {
      e = JsonParser.parseString(text);
    } catch (JsonParseException | StackOverflowError ex) {
      throw ApiError.badRequest("the request body is not valid JSON");
    }
    if (!e.isJsonObject()) {
      throw ApiError.badRequest("the request body must be a JSON object");
    }
    JsonObject o = e.getAsJsonObject();
    for (String key : o.keySet()) {
      if (!known.contains(key)) {
        throw ApiError.badRequest(
            "unknown field '"
                + org.hosthog.api.Text.sanitize(key)
                + "'; known: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
    return o;
  }

  private static ApiError tooLarge(int limit) {
    return new ApiError(
        413, "too_large", "the request body is larger than " + limit + " bytes; send less");
  }

  public void json(int status, String json) {
    send(status, "application/json; charset=utf-8", json);
  }

  /**
   * What every page may load: its own scripts and styles only (no inline script, nothing from
   * elsewhere); the timeline library sets element styles, hence style attributes.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors"
          + " 'none'; form-action 'self'";

  public void send(int status, String contentType, String body) {
    send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Bodies at least this long go gzipped to a client that accepts it (the page's JSON, mostly). */
  static final int COMPRESS_FROM = 8 * 1024;

  public void send(int status, String contentType, byte[] body) {
    if (body.length >= COMPRESS_FROM && acceptsGzip()) {
      sendGzipped(status, contentType, gzip(body));
    } else {
      send(status, contentType, body, false);
    }
  }

  /** Sends {@code gzipped} (a body compressed once, such as a page's file) as gzip if accepted. */
  public void send(int status, String contentType, byte[] body, byte[] gzipped) {
    if (acceptsGzip()) {
      sendGzipped(status, contentType, gzipped);
    } else {
      send(status, contentType, body, false);
    }
  }

  private void sendGzipped(int status, String contentType, byte[] gzipped) {
    send(status, contentType, gzipped, true);
  }

  private boolean acceptsGzip() {
    return header("Accept-Encoding")
        .map(a -> a.toLowerCase(java.util.Locale.ROOT).contains("gzip"))
        .orElse(false);
  }

  public static byte[] gzip(byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 8192)) {
      z.write(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: does not happen
    }
    return out.toByteArray();
  }

  private void send(int status, String contentType, byte[] body, boolean gzipped) {
    response.setStatus(status);
    if (gzipped) {
      response.getHeaders().put("Content-Encoding", "gzip");
    }
    response.getHeaders().put("Vary", "Accept-Encoding");
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("Cache-Control", "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  public void error(ApiError e) {
    e.retryAfter().ifPresent(s -> response.getHeaders().put("Retry-After", Integer.toString(s)));
    JsonObject error = new JsonObject();
    error.addProperty("code", e.code());
    error.addProperty("message", e.getMessage());
    e.conflictsJson().ifPresent(c -> error.add("conflicts", JsonParser.parseString(c)));
    JsonObject o = new JsonObject();
    o.add("error", error);
    json(e.status(), o.toString());
  }

  public void addHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  public void addCookie(String value) {
    response.getHeaders().add("Set-Cookie", value);
  }

  public void redirect(String location) {
    response.setStatus(303);
    response.getHeaders().put("Location", location);
    response.getHeaders().put("Cache-Control", "no-store");
    response.write(true, ByteBuffer.allocate(0), callback);
  }
}
