package org.hosthog.wire;

import java.util.Objects;

/**
 * One operation of the socket protocol: its name on the wire, its request record, and how its
 * arguments and its result are read and written. Built once, in {@link Ops}; the codec, the
 * daemon's handler registry and the client all key on it, so an op is declared in one row.
 *
 * @param <Q> the request record
 * @param <R> the result a successful answer carries
 */
public final class Op<Q extends Request<R>, R> {
  private final String name;
  private final Class<Q> type;
  private final Args<Q> args;
  private final JsonForm<R> result;

  Op(String name, Class<Q> type, Args<Q> args, JsonForm<R> result) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.args = Objects.requireNonNull(args, "args");
    this.result = Objects.requireNonNull(result, "result");
  }

  /** The name on the wire, e.g. {@code claim}. */
  public String name() {
    return name;
  }

  /** The request record this op carries. */
  public Class<Q> type() {
    return type;
  }

  Args<Q> args() {
    return args;
  }

  JsonForm<R> result() {
    return result;
  }

  @Override
  public String toString() {
    return name;
  }
}
