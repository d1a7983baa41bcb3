package org.hosthog.api;

/** A plugin could not be found, selected or opened. */
public class PluginException extends HosthogException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
