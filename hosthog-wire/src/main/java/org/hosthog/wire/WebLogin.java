package org.hosthog.wire;

import java.net.URI;
import java.util.Objects;

/** A one-time login URL for the fleet's web page; valid a few minutes, usable once. */
public record WebLogin(URI url) {
  public WebLogin {
    Objects.requireNonNull(url, "url");
  }
}
