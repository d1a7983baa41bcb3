package org.hosthog.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.hosthog.launcher.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line without a daemon: help, usage errors and the unreachable-daemon exit code. */
class CommandLineTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("HOSTHOG_SOCKET", "/nonexistent/hosthog.sock"));
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource({"--help", "claim --help", "list --help", "extend --help", "release --help"})
  void helpDocumentsExitCodesAndExamples(String args) {
    Run r = run(args.split(" "));
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().contains("Exit codes:") && r.out().contains("3  daemon not reachable"), r.out());
    assertTrue(r.out().contains("hosthog "), r.out());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          claim gpu:0 --for 1h|2|Missing required option: '--message=MESSAGE'
          claim gpu:0 -m x|2|a claim needs an end: give --for DURATION (e.g. --for 2h) or --until WHEN (e.g. --until fri 18:00)
          claim gpu:0 --for 1h --until fri -m x|2|give --for DURATION or --until WHEN for the end, not both
          claim gpu:0 --at now --in 5m --for 1h -m x|2|not both
          claim --exclusive --shared --for 1h -m x|2|mutually exclusive
          extend 1|2|extend needs --by DURATION
          frobnicate|2|'frobnicate' is not a hosthog command
          clam gpu:0 --for 1h -m x|2|Did you mean: hosthog claim
          list --mien|2|Possible solutions: --mine
          list --colour|2|Unknown option: '--colour'
          list|3|no hosthog daemon answers
          claim gpu:0 --for 1h -m x|3|Start one with 'hosthog daemon'
          """)
  void usageErrorsAndAMissingDaemonHaveTheirExitCodes(String args, int exit, String fragment) {
    Run r = run(args.split(" "));
    assertEquals(exit, r.exit(), r.err());
    assertTrue(r.err().contains(fragment), r.err());
  }

  @ParameterizedTest
  @CsvSource({"--version"})
  void versionIsPrinted(String arg) {
    Run r = run(arg);
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("hosthog "), r.out());
  }
}
