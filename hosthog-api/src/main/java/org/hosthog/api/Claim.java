package org.hosthog.api;

import java.util.Objects;

/** One resource of a reservation and how it is held. */
public record Claim(Resource resource, Mode mode) {
  public Claim {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
  }

  /** A claim in the resource's default mode: shared for the whole host, exclusive otherwise. */
  public static Claim of(Resource resource) {
    return new Claim(resource, resource.defaultMode());
  }

  public boolean isExclusive() {
    return mode == Mode.EXCLUSIVE;
  }

  public boolean isWholeHost() {
    return resource instanceof Resource.Host;
  }

  @Override
  public String toString() {
    return resource.text() + " (" + mode.text() + ")";
  }
}
