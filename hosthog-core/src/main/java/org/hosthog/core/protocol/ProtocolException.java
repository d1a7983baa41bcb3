package org.hosthog.core.protocol;

import org.hosthog.api.HosthogException;

/** A request could not be served; carries the protocol error code. */
public final class ProtocolException extends HosthogException {
  private static final long serialVersionUID = 1L;
  private final Protocol.ErrorCode code;

  public ProtocolException(Protocol.ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public Protocol.ErrorCode code() {
    return code;
  }
}
