package org.hosthog.api;

/** Text typed by a user (a time, a duration, a resource) could not be understood. */
public class InvalidInputException extends HosthogException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
