package org.hosthog.wire;

import java.util.List;
import java.util.Objects;

/**
 * The daemon's answer to a {@link Request}: its result, or why it failed.
 *
 * @param <R> the result type of the request answered
 */
public sealed interface Response<R> {

  /** The request was carried out. */
  record Ok<R>(R result) implements Response<R> {
    public Ok {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * The request was refused or failed.
   *
   * @param conflicts for {@link ErrorCode#CONFLICT}: the reservations in the way
   */
  record Failure<R>(ErrorCode code, String message, List<ReservationView> conflicts)
      implements Response<R> {
    public Failure {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      conflicts = List.copyOf(conflicts);
    }

    public Failure(ErrorCode code, String message) {
      this(code, message, List.of());
    }
  }
}
