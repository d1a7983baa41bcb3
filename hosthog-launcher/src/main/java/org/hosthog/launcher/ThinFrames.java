package org.hosthog.launcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hosthog.wire.CliOutput;
import org.hosthog.wire.Protocol;
import org.hosthog.wire.Request;

/**
 * The thin client's side of the {@code cli} request ({@link org.hosthog.wire.Request.Cli}): which
 * command lines the daemon may run, the request line, and the answer read back.
 *
 * <p>Deliberately small: the client must start about as fast as {@code java Hello}, and gson with
 * the wire codec costs it ~40 ms more. {@code ThinFramesTest} holds these lines to the wire codec,
 * so the protocol stays the one the codec defines.
 */
final class ThinFrames {
  private ThinFrames() {}

  /**
   * Commands that only send requests to the daemon and print the answers. Anything else (run,
   * daemon, store, web, fleet, reboot-check, the shell) touches files, processes or the terminal of
   * the caller, so the client runs it itself.
   */
  static final Set<String> COMMANDS =
      Set.of(
          "claim",
          "list",
          "show",
          "extend",
          "edit",
          "release",
          "status",
          "gpus",
          "resources",
          "limits",
          "motd",
          "timeline",
          "plugins",
          "sync");

  /**
   * Whether the daemon may run {@code argv} (the words after {@code hosthog} and its leading {@code
   * --socket}): one of {@link #COMMANDS}, and no word that makes the command read a file
   * ({@code @FILE}, {@code --config}), talk to another socket, or print help (whose colours depend
   * on the caller's terminal).
   */
  static boolean runsInDaemon(List<String> argv) {
    if (argv.isEmpty() || !COMMANDS.contains(argv.get(0))) {
      return false;
    }
    for (String word : argv) {
      if (word.startsWith("@")
          || word.startsWith("--socket")
          || word.startsWith("--config")
          || word.equals("-h")
          || word.equals("--help")
          || word.equals("--watch") // refreshes the caller's terminal until Ctrl-C
          || word.equals("-V")
          || word.equals("--version")) {
        return false;
      }
    }
    return true;
  }

  /** The request line (without its newline), as the wire codec writes a {@code Request.Cli}. */
  static String request(List<String> argv, Optional<Integer> columns) {
    StringBuilder s = new StringBuilder(256);
    s.append("{\"v\":")
        .append(Protocol.VERSION)
        .append(",\"op\":\"" + Request.Cli.OP + "\",\"args\":{\"argv\":[");
    for (int i = 0; i < argv.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      quote(argv.get(i), s);
    }
    s.append(']');
    if (columns.isPresent()) {
      s.append(",\"columns\":").append(columns.get().intValue());
    }
    return s.append("}}").toString();
  }

  /** The width {@code COLUMNS} gives, as the command line reads it (2 to 4 digits). */
  static Optional<Integer> columns(Map<String, String> env) {
    String c = env.get("COLUMNS");
    if (c == null || c.length() < 2 || c.length() > 4) {
      return Optional.empty();
    }
    for (int i = 0; i < c.length(); i++) {
      if (c.charAt(i) < '0' || c.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    int n = Integer.parseInt(c);
    return n >= 10 ? Optional.of(n) : Optional.empty();
  }

  /**
   * What the command line printed, if the daemon ran it; empty if it did not (it refused the
   * request: an older daemon, or a command line it does not run), so the client runs it itself.
   *
   * @throws IllegalArgumentException if the line is not an answer of this protocol
   */
  static Optional<CliOutput> answer(String line) {
    Object parsed = new ThinJson(line).document();
    if (!(parsed instanceof Map<?, ?> o)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (!Boolean.TRUE.equals(o.get("ok"))) {
      return Optional.empty();
    }
    if (!(o.get("result") instanceof Map<?, ?> r)
        || !(r.get("out") instanceof String out)
        || !(r.get("err") instanceof String err)
        || !(r.get("exit") instanceof Double exit)) {
      throw new IllegalArgumentException("not the answer to a command line");
    }
    return Optional.of(new CliOutput(out, err, exit.intValue()));
  }

  private static void quote(String text, StringBuilder s) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        s.append("\\u00")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      } else {
        s.append(c);
      }
    }
    s.append('"');
  }
}
