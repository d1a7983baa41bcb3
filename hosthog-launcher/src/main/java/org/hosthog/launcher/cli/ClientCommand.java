package org.hosthog.launcher.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hosthog.api.Text;
import org.hosthog.core.daemon.HosthogClient;
import org.hosthog.core.protocol.Protocol.ErrorCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that asks the daemon: connects, sends one request, prints the answer. */
abstract class ClientCommand implements Callable<Integer> {
  /** Created on first use: picocli instantiates every command at start-up, and Gson is 130 classes. */
  private static final class Pretty {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  }

  @Spec CommandSpec spec;
  @Mixin GlobalOptions global;

  private HosthogClient client;

  @Override
  public final Integer call() {
    validate();
    GlobalOptions.Resolved options = GlobalOptions.resolve(spec);
    try (HosthogClient c = HosthogClient.connect(options.sockets(), Duration.ofSeconds(30))) {
      client = c;
      run();
      return ExitCode.OK;
    }
  }

  /** Checks the options before the daemon is asked; throws {@link #usage} for a bad combination. */
  void validate() {}

  static Refused usage(String message) {
    return new Refused(message, ExitCode.USAGE);
  }

  /** The command's work; calls {@link #ask} and prints. */
  abstract void run();

  /** The result of {@code op}, or a {@link Refused} carrying the daemon's message and exit code. */
  JsonElement ask(String op, JsonObject args) {
    JsonObject response = client.call(op, args);
    if (response.has("ok") && response.get("ok").getAsBoolean()) {
      return response.get("result");
    }
    JsonObject error = response.getAsJsonObject("error");
    ErrorCode code = ErrorCode.fromWire(error.get("code").getAsString());
    String message = Text.sanitize(error.get("message").getAsString());
    if (code == ErrorCode.CONFLICT && error.has("conflicts")) {
      message = message + System.lineSeparator() + Render.forTerminal().table(Render.reservations(error.getAsJsonArray("conflicts")));
    }
    throw new Refused(message, exitCode(code));
  }

  static int exitCode(ErrorCode code) {
    return switch (code) {
      case BAD_INPUT, BAD_REQUEST, UNKNOWN_OP, UNSUPPORTED_VERSION, TOO_LARGE -> ExitCode.USAGE;
      case CONFLICT, NOT_PERMITTED, NOT_FOUND, INVALID, BUSY, INTERNAL -> ExitCode.REFUSED;
    };
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  void printJson(JsonElement e) {
    out().println(Pretty.GSON.toJson(e));
  }
}
