package org.hosthog.wire;

import java.util.Objects;
import org.hosthog.api.HosthogException;

/** A request that cannot be served, with the protocol's error code and a message for people. */
public final class WireException extends HosthogException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public WireException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
