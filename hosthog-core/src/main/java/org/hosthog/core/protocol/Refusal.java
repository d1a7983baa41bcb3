package org.hosthog.core.protocol;

import java.util.List;
import org.hosthog.api.HosthogException;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;

/** A request the daemon refuses: carries the failure answer out of an op to the dispatcher. */
final class Refusal extends HosthogException {
  private static final long serialVersionUID = 1L;
  private final transient Response.Failure<?> failure;

  Refusal(ErrorCode code, String message) {
    this(new Response.Failure<>(code, message));
  }

  Refusal(ErrorCode code, String message, List<ReservationView> conflicts) {
    this(new Response.Failure<>(code, message, conflicts));
  }

  private Refusal(Response.Failure<?> failure) {
    super(failure.message());
    this.failure = failure;
  }

  Response.Failure<?> failure() {
    return failure;
  }
}
