package org.hosthog.launcher.cli;

import picocli.CommandLine;

/**
 * The terminal's width: as the REPL measured it, then {@code COLUMNS} (of the caller, when the
 * daemon runs the command line), then 100.
 */
public final class TerminalWidth {
  private TerminalWidth() {}

  /** Set by the REPL, which knows its terminal's width. */
  public static final String PROPERTY = "hosthog.columns";

  static int of(CommandLine cli) {
    String measured = System.getProperty(PROPERTY);
    if (measured != null && measured.matches("\\d{2,4}")) {
      return Integer.parseInt(measured);
    }
    String columns = GlobalOptions.resolve(cli.getCommandSpec()).env().get("COLUMNS");
    if (columns != null && columns.matches("\\d{2,4}")) {
      return Integer.parseInt(columns);
    }
    return cli.getCommandSpec().usageMessage().width() > 0 ? 100 : 80;
  }
}
