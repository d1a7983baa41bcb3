package org.hosthog.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something on a host that can be claimed: the whole host, GPUs, CPU cores, or a resource the admin
 * named in the config.
 *
 * <p>Every resource has one canonical text form ({@link #text()}), which {@link #parse} reads back.
 */
public sealed interface Resource
    permits Resource.Host, Resource.Gpus, Resource.Cpus, Resource.Named {

  /** The canonical text, e.g. {@code host}, {@code gpu:0-3}, {@code cpu}, {@code fpga0}. */
  String text();

  /** Whether the two resources share any part of the machine (the whole host shares with all). */
  boolean overlaps(Resource other);

  /** The default mode of a claim on this resource: shared for the whole host, else exclusive. */
  default Mode defaultMode() {
    return Mode.EXCLUSIVE;
  }

  /** The whole machine. */
  record Host() implements Resource {
    @Override
    public String text() {
      return "host";
    }

    @Override
    public boolean overlaps(Resource other) {
      return true;
    }

    @Override
    public Mode defaultMode() {
      return Mode.SHARED;
    }
  }

  /** GPUs by index; {@link IndexSet#all()} for every GPU. */
  record Gpus(IndexSet indices) implements Resource {
    public Gpus {
      Objects.requireNonNull(indices, "indices");
    }

    @Override
    public String text() {
      return indices.isAll() ? "gpu" : "gpu:" + indices;
    }

    @Override
    public boolean overlaps(Resource other) {
      return other instanceof Host || other instanceof Gpus g && indices.overlaps(g.indices);
    }
  }

  /** CPU cores by index; {@link IndexSet#all()} for every core. */
  record Cpus(IndexSet indices) implements Resource {
    public Cpus {
      Objects.requireNonNull(indices, "indices");
    }

    @Override
    public String text() {
      return indices.isAll() ? "cpu" : "cpu:" + indices;
    }

    @Override
    public boolean overlaps(Resource other) {
      return other instanceof Host || other instanceof Cpus c && indices.overlaps(c.indices);
    }
  }

  /** A resource the admin named in the config, such as {@code fpga0} or {@code scratch}. */
  record Named(String name) implements Resource {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");

    public Named {
      if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
        throw new InvalidInputException(
            "'"
                + Text.sanitize(name)
                + "' is not a valid resource name:"
                + " use 1-40 lower-case letters, digits, '_', '.' or '-', starting with a letter");
      }
      if (name.equals("host") || name.equals("gpu") || name.equals("cpu")) {
        throw new InvalidInputException("'" + name + "' is a built-in resource, not a name");
      }
    }

    @Override
    public String text() {
      return name;
    }

    @Override
    public boolean overlaps(Resource other) {
      return other instanceof Host || other.equals(this);
    }
  }

  /**
   * Parses {@code host}, {@code gpu}, {@code gpu:N}, {@code gpu:0-3}, {@code gpu:0,2}, {@code cpu},
   * {@code cpu:0-15} or a name.
   */
  static Resource parse(String text) {
    String t = Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT);
    if (t.equals("host")) {
      return new Host();
    }
    if (t.equals("gpu") || t.equals("gpus")) {
      return new Gpus(IndexSet.all());
    }
    if (t.equals("cpu") || t.equals("cpus")) {
      return new Cpus(IndexSet.all());
    }
    if (t.startsWith("gpu:")) {
      return new Gpus(IndexSet.parse(t.substring(4)));
    }
    if (t.startsWith("cpu:")) {
      return new Cpus(IndexSet.parse(t.substring(4)));
    }
    return new Named(t);
  }
}
