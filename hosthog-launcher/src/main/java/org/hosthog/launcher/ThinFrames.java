package org.hosthog.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    Object parsed = new Reader(line).document();
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

  /** A JSON reader for one answer line: objects, arrays, strings, numbers, true/false/null. */
  private static final class Reader {
    private static final int MAX_DEPTH = 64;
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    Object document() {
      Object v = value(0);
      skipSpace();
      if (at != text.length()) {
        throw error("text after the JSON value");
      }
      return v;
    }

    private Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested too deep");
      }
      skipSpace();
      char c = peek();
      if (c == '{') {
        return object(depth);
      } else if (c == '[') {
        return array(depth);
      } else if (c == '"') {
        return string();
      } else if (text.startsWith("true", at)) {
        at += 4;
        return Boolean.TRUE;
      } else if (text.startsWith("false", at)) {
        at += 5;
        return Boolean.FALSE;
      } else if (text.startsWith("null", at)) {
        at += 4;
        return null;
      }
      return number();
    }

    private Map<String, Object> object(int depth) {
      Map<String, Object> m = new LinkedHashMap<>();
      at++;
      skipSpace();
      if (peek() == '}') {
        at++;
        return m;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        m.put(key, value(depth + 1));
        skipSpace();
        if (peek() == '}') {
          at++;
          return m;
        }
        expect(',');
      }
    }

    private List<Object> array(int depth) {
      List<Object> l = new ArrayList<>();
      at++;
      skipSpace();
      if (peek() == ']') {
        at++;
        return l;
      }
      while (true) {
        l.add(value(depth + 1));
        skipSpace();
        if (peek() == ']') {
          at++;
          return l;
        }
        expect(',');
      }
    }

    private String string() {
      expect('"');
      StringBuilder s = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return s.toString();
        }
        if (c != '\\') {
          s.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'n' -> s.append('\n');
          case 't' -> s.append('\t');
          case 'r' -> s.append('\r');
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("a cut \\u escape");
            }
            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          case '"', '\\', '/' -> s.append(e);
          default -> throw error("an unknown escape");
        }
      }
    }

    private Double number() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      if (start == at) {
        throw error("an unexpected character");
      }
      return Double.valueOf(text.substring(start, at));
    }

    private void skipSpace() {
      while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw error("the end of the line");
      }
      return text.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw error("'" + c + "' expected");
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at character " + at);
    }
  }
}
