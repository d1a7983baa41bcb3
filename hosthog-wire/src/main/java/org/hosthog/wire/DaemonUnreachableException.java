package org.hosthog.wire;

import org.hosthog.api.HosthogException;

/** No daemon answers on any socket the client tried; the message says how to start one. */
public final class DaemonUnreachableException extends HosthogException {
  private static final long serialVersionUID = 1L;

  public DaemonUnreachableException(String message) {
    super(message);
  }
}
