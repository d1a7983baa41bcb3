package org.hosthog.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build-time tool: writes the man page and the bash completion from the picocli commands, so both
 * always match the code. {@code Docs man FILE} or {@code Docs completion FILE}.
 */
public final class Docs {
  private Docs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2
        || !(args[0].equals("man") || args[0].equals("completion") || args[0].equals("gzip"))) {
      throw new IllegalArgumentException("usage: Docs man|completion|gzip FILE");
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    if (args[0].equals("gzip")) {
      gzip(out);
      return;
    }
    CommandLine cli = HosthogCommand.commandLine(Map.of());
    cli.setUsageHelpWidth(78);
    String text = args[0].equals("man") ? man(cli) : completion(cli);
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }

  /**
   * The completion script without its {@code #!} line: bash-completion sources it, nobody runs it.
   */
  static String completion(CommandLine cli) {
    String script = AutoComplete.bash("hosthog", cli);
    return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
  }

  /**
   * {@code FILE} to {@code FILE.gz} as {@code gzip -9n} writes it: best compression, no time stamp.
   */
  static void gzip(Path file) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out =
        new java.util.zip.GZIPOutputStream(bytes) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
          }
        }) {
      out.write(Files.readAllBytes(file));
    }
    byte[] gz = bytes.toByteArray();
    gz[8] = 2; // XFL: "maximum compression", which lintian checks (Java writes 0)
    gz[9] = 3; // OS: Unix
    Files.write(Path.of(file + ".gz"), gz);
  }

  /** A troff man page: synopsis, the top-level help, each command's help, exit codes and files. */
  static String man(CommandLine cli) {
    String version = new HosthogCommand.Version().getVersion()[0].replace("hosthog ", "");
    StringBuilder m = new StringBuilder();
    m.append(".TH HOSTHOG 1 \"")
        .append(LocalDate.of(2026, 11, 27))
        .append("\" \"hosthog ")
        .append(roff(version))
        .append("\" \"User Commands\"\n");
    m.append(".SH NAME\nhosthog \\- announce which resources you need on a shared Linux host\n");
    m.append(
        ".SH SYNOPSIS\n.B hosthog\n[\\fB\\-\\-socket\\fR \\fIPATH\\fR] [\\fB\\-\\-config\\fR \\fIPATH\\fR] "
            + "\\fICOMMAND\\fR [\\fIARGS\\fR...]\n.br\n.B hosthog\n(the interactive \\fBhosthog>\\fR shell)\n");
    m.append(".SH DESCRIPTION\n");
    verbatim(m, cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
    m.append(".SH COMMANDS\n");
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                m.append(".SS ").append(roff(name)).append('\n');
                sub.setUsageHelpWidth(78);
                verbatim(m, sub.getUsageMessage(CommandLine.Help.Ansi.OFF));
                sub.getSubcommands()
                    .forEach(
                        (n2, sub2) -> {
                          m.append(".SS ").append(roff(name + " " + n2)).append('\n');
                          verbatim(m, sub2.getUsageMessage(CommandLine.Help.Ansi.OFF));
                        });
              }
            });
    m.append(".SH FILES\n.TP\n.I /etc/hosthog/hosthog.toml\nthe daemon's configuration\n")
        .append(".TP\n.I /run/hosthog/hosthog.sock\nthe daemon's socket\n")
        .append(".TP\n.I /var/lib/hosthog/\nthe reservations and their history\n")
        .append(".TP\n.I /run/motd.d/hosthog\nthe message of the day the daemon keeps current\n")
        .append(
            ".TP\n.I /usr/share/hosthog/plugins/\nplugin jars and folders (stores, notifiers, calendar sync)\n");
    m.append(
        ".SH EXIT STATUS\n0 ok, 1 refused (conflict, not permitted, not found), 2 usage error, 3 daemon not reachable.\n");
    m.append(
        ".SH SEE ALSO\n.BR wall (1),\n.BR pam_motd (8),\n.BR pam_access (8),\n.BR molly-guard (8)\n");
    return m.toString();
  }

  private static void verbatim(StringBuilder m, String text) {
    m.append(".nf\n");
    text.lines().forEach(line -> m.append(line.isEmpty() ? "" : "\\&" + roff(line)).append('\n'));
    m.append(".fi\n");
  }

  /** Escapes text for troff: backslashes and leading dots/quotes. */
  static String roff(String s) {
    return s.replace("\\", "\\e").replace("-", "\\-");
  }
}
