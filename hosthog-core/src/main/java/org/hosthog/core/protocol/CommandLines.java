package org.hosthog.core.protocol;

import org.hosthog.wire.Calls;
import org.hosthog.wire.CliOutput;
import org.hosthog.wire.Request;

/**
 * Runs a {@code hosthog} command line inside the daemon for a caller (the launcher does: it owns
 * the commands), so the client that sent it needs no command line model of its own.
 *
 * <p>Implementations must be thread-safe, must refuse ({@link org.hosthog.wire.WireException} with
 * {@code BAD_REQUEST}) any command line that would touch more than the daemon's requests (files,
 * processes, other sockets), and must send every request through {@code caller}, which carries the
 * caller's identity.
 */
@FunctionalInterface
public interface CommandLines {
  /** A daemon that runs no command lines: every {@code cli} request is refused. */
  CommandLines NONE =
      (request, caller) -> {
        throw new org.hosthog.wire.WireException(
            org.hosthog.wire.ErrorCode.BAD_REQUEST, "this daemon runs no command lines");
      };

  /** What {@code request}'s command line printed and its exit code. */
  CliOutput run(Request.Cli request, Calls caller);
}
