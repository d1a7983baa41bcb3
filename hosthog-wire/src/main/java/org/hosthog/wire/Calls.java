package org.hosthog.wire;

/**
 * Where a command's requests go: a connection to the daemon ({@link HosthogClient}), or, for a
 * command line the daemon runs itself ({@link Request.Cli}), the daemon's own request handler
 * acting for the caller.
 *
 * <p>Not thread-safe unless the implementation says so.
 */
public interface Calls extends AutoCloseable {
  /** Sends {@code request}; returns the answer, a result or a refusal. */
  <R> Response<R> call(Request<R> request);

  @Override
  default void close() {}
}
