package org.hosthog.launcher.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hosthog.core.config.Locations;
import org.hosthog.launcher.cli.TerminalWidth;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import picocli.CommandLine;

/**
 * {@code hosthog} without arguments: the {@code hosthog>} shell on a terminal, or a script read
 * line by line from standard input (stopping at the first command that fails).
 */
public final class Repl {
  private final CommandLine cli;
  private final List<String> globalArgs;

  /**
   * @param cli the command line every line runs through
   * @param globalArgs the options {@code hosthog} itself was given ({@code --socket}, {@code
   *     --config}); every line runs with them
   */
  public Repl(CommandLine cli, List<String> globalArgs) {
    this.cli = cli;
    this.globalArgs = List.copyOf(globalArgs);
  }

  private int execute(List<String> words) {
    List<String> argv = new java.util.ArrayList<>(globalArgs);
    argv.addAll(words);
    return cli.execute(argv.toArray(String[]::new));
  }

  /** Runs the shell on the process's terminal; returns the exit code. */
  public int interactive(Map<String, String> env, Supplier<List<Path>> sockets) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Path history =
          Locations.user(env, Path.of(System.getProperty("user.home")))
              .stateDir()
              .resolve("history");
      Files.createDirectories(history.getParent());
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("hosthog")
              .completer(new HosthogCompleter(cli, new LiveValues(sockets)))
              .parser(new DefaultParser())
              .variable(LineReader.HISTORY_FILE, history)
              .variable(LineReader.HISTORY_SIZE, 2000)
              .build();
      PrintWriter out = terminal.writer();
      cli.setOut(out);
      cli.setErr(out);
      String prompt = prompt(terminal, env);
      out.println(
          "hosthog: type a command (TAB completes), 'help' for the list, 'exit' or Ctrl-D to leave.");
      while (true) {
        String line;
        try {
          line = reader.readLine(prompt);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the line
        } catch (EndOfFileException e) {
          break; // Ctrl-D leaves
        }
        List<String> words =
            reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
          continue;
        }
        if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
          break;
        }
        System.setProperty(TerminalWidth.PROPERTY, Integer.toString(terminal.getWidth()));
        execute(words);
        out.flush();
      }
      reader.getHistory().save();
      return 0;
    }
  }

  /**
   * Runs the commands of {@code in}, one per line ({@code #} starts a comment), and stops at the
   * first that fails, returning its exit code.
   */
  public int script(BufferedReader in, PrintWriter err) throws IOException {
    Parser parser = new DefaultParser();
    int number = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      List<String> words;
      try {
        ParsedLine parsed = parser.parse(text, text.length(), Parser.ParseContext.ACCEPT_LINE);
        words = parsed.words().stream().filter(w -> !w.isEmpty()).toList();
      } catch (RuntimeException e) {
        err.println("hosthog: line " + number + ": " + e.getMessage());
        return 2;
      }
      if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
        return 0;
      }
      int code = execute(words);
      if (code != 0) {
        err.println("hosthog: stopped at line " + number + " (exit " + code + "): " + text);
        err.flush();
        return code;
      }
    }
    return 0;
  }

  private static String prompt(Terminal terminal, Map<String, String> env) {
    boolean colour =
        !env.containsKey("NO_COLOR")
            && !"dumb".equals(terminal.getType())
            && terminal.getNumericCapability(InfoCmp.Capability.max_colors) != null
            && terminal.getNumericCapability(InfoCmp.Capability.max_colors) >= 8;
    if (!colour) {
      return "hosthog> ";
    }
    return new AttributedStringBuilder()
        .style(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN))
        .append("hosthog")
        .style(AttributedStyle.DEFAULT)
        .append("> ")
        .toAnsi(terminal);
  }
}
