package org.hosthog.api;

/** A store could not be opened, read or written; its data is left as it was. */
public class StoreException extends HosthogException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
