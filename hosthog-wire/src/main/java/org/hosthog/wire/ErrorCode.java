package org.hosthog.wire;

import java.util.Locale;

/** Why a request failed; the wire form is the lower-case name. */
public enum ErrorCode {
  /** Not JSON, not an object, a field of the wrong type: the client is broken. */
  BAD_REQUEST,
  /** The request's {@code v} is not {@link Protocol#VERSION}. */
  UNSUPPORTED_VERSION,
  /** The request's {@code op} is not one the daemon knows. */
  UNKNOWN_OP,
  /** A time, duration, id or resource the user typed was not understood (exit code 2). */
  BAD_INPUT,
  /** The claim or change overlaps other owners' reservations; the error lists them. */
  CONFLICT,
  /** The caller may not change that reservation. */
  NOT_PERMITTED,
  /** There is no such reservation. */
  NOT_FOUND,
  /** The request was understood and refused: unknown resource, end in the past... (exit code 1). */
  INVALID,
  /** The request is over one of the host's limits, which the message names (exit code 1). */
  OVER_LIMIT,
  /** The line was longer than {@link Protocol#MAX_LINE_BYTES}. */
  TOO_LARGE,
  /** The request's line did not arrive in time. */
  TIMEOUT,
  /** The daemon serves too many clients at once. */
  BUSY,
  /** The daemon failed; its log says why. */
  INTERNAL;

  /** The code as the wire carries it, e.g. {@code bad_input}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code for {@code s}; an unknown one (from a newer daemon) is {@link #INTERNAL}. */
  public static ErrorCode fromWire(String s) {
    for (ErrorCode c : values()) {
      if (c.wire().equals(s)) {
        return c;
      }
    }
    return INTERNAL;
  }
}
