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

  /**
   * Whether this claim keeps {@code unit} (one GPU, the CPUs, a named resource, or the whole host)
   * from being free: the whole host is free only while nothing at all is held; anything else is
   * held by a claim of it, or by an exclusive claim of the whole host.
   */
  public boolean holds(Resource unit) {
    if (unit instanceof Resource.Host) {
      return true;
    }
    return (isWholeHost() && isExclusive()) || (!isWholeHost() && resource.overlaps(unit));
  }

  /** Whether this claim keeps GPU {@code index} from being free (see {@link #holds}). */
  public boolean holdsGpu(int index) {
    return holds(new Resource.Gpus(IndexSet.of(index)));
  }

  @Override
  public String toString() {
    return resource.text() + " (" + mode.text() + ")";
  }
}
