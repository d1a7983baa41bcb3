package org.hosthog.api;

/** The root of every exception hosthog throws; unchecked, messages are meant for users. */
public class HosthogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HosthogException(String message) {
    super(message);
  }

  public HosthogException(String message, Throwable cause) {
    super(message, cause);
  }
}
