package org.hosthog.server.http;

import java.util.Optional;

/**
 * A request the API refuses: the HTTP status, a machine-readable code and a message a person can
 * act on; answered as {@code {"error": {"code", "message", ...}}}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Optional<String> conflictsJson;
  private int retryAfterSeconds;

  public ApiError(int status, String code, String message) {
    this(status, code, message, Optional.empty());
  }

  public ApiError(int status, String code, String message, Optional<String> conflictsJson) {
    super(message);
    this.status = status;
    this.code = code;
    this.conflictsJson = conflictsJson;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The conflicting reservations (a JSON array) of a 409. */
  public Optional<String> conflictsJson() {
    return conflictsJson;
  }

  /** When to try again ({@code Retry-After}), for a refusal that passes. */
  public Optional<Integer> retryAfter() {
    return retryAfterSeconds > 0 ? Optional.of(retryAfterSeconds) : Optional.empty();
  }

  /** A 503 that passes: too much in flight right now; try again in {@code seconds}. */
  public static ApiError busy(String message, int seconds) {
    ApiError e = new ApiError(503, "busy", message);
    e.retryAfterSeconds = seconds;
    return e;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }
}
