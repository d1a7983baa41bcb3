package org.hosthog.api;

/**
 * The configuration is invalid; the message names the file, the key, the bad value and what is
 * expected.
 */
public class ConfigException extends HosthogException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
