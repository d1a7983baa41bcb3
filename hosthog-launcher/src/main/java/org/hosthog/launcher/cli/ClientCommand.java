package org.hosthog.launcher.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hosthog.api.Text;
import org.hosthog.wire.Calls;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;
import org.hosthog.wire.WireException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that asks the daemon: builds its request from the options (which refuses unusable
 * combinations before anything is sent), sends it, prints the answer.
 */
abstract class ClientCommand implements Callable<Integer> {
  static final Codec CODEC = new Codec();

  @Spec CommandSpec spec;
  @Mixin GlobalOptions global;

  private Calls client;

  /** The exit code when {@link #run} returns; {@code run} passes on its command's. */
  int status = ExitCode.OK;

  @Override
  public final Integer call() {
    try {
      run();
      return status;
    } catch (WireException e) { // a request record refused what was typed
      throw new Refused(e.getMessage(), exitCode(e.code()));
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  /** The command's work; calls {@link #ask} and prints. */
  abstract void run();

  /**
   * The result of {@code request}, or a {@link Refused} carrying the daemon's message and exit
   * code. Connects on first use, so a usage error never waits for the daemon.
   */
  <R> R ask(Request<R> request) {
    if (client == null) {
      client = GlobalOptions.connect(spec);
    }
    Response<R> response = client.call(request);
    if (response instanceof Response.Ok<R> ok) {
      return ok.result();
    }
    throw refusal((Response.Failure<R>) response);
  }

  /** The daemon's refusal as the CLI reports it: its message, the conflicts as a table. */
  static Refused refusal(Response.Failure<?> failure) {
    String message = Text.sanitize(failure.message());
    if (failure.code() == ErrorCode.CONFLICT && !failure.conflicts().isEmpty()) {
      message =
          message
              + System.lineSeparator()
              + Render.forTerminal().table(Render.rows(failure.conflicts()));
    }
    return new Refused(message, exitCode(failure.code()));
  }

  static int exitCode(ErrorCode code) {
    return switch (code) {
      case BAD_INPUT, BAD_REQUEST, UNKNOWN_OP, UNSUPPORTED_VERSION, TOO_LARGE -> ExitCode.USAGE;
      case CONFLICT, NOT_PERMITTED, NOT_FOUND, INVALID, OVER_LIMIT, TIMEOUT, BUSY, INTERNAL ->
          ExitCode.REFUSED;
    };
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** {@code result} as indented JSON ({@code --json}). */
  void printJson(Object result) {
    out().println(CODEC.pretty(result));
  }
}
