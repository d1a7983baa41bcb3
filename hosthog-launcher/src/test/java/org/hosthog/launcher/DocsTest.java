package org.hosthog.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The man page and completion the Debian package ships are generated from the commands themselves.
 */
class DocsTest {
  @Test
  void theManPageDocumentsEveryCommandInValidTroff() {
    String man = Docs.man(HosthogCommand.commandLine(Map.of()));
    for (String command :
        List.of(
            "claim",
            "list",
            "show",
            "extend",
            "edit",
            "release",
            "status",
            "resources",
            "motd",
            "timeline",
            "plugins",
            "store",
            "store export",
            "sync",
            "reboot-check",
            "daemon")) {
      assertTrue(
          man.contains("\n.SS " + command.replace("-", "\\-") + "\n"),
          "man page section for " + command);
    }
    assertTrue(man.startsWith(".TH HOSTHOG 1 "), man.lines().findFirst().orElse(""));
    for (String line : man.lines().toList()) {
      assertFalse(
          line.startsWith("'")
              || line.startsWith(".") && !line.matches("\\.(TH|SH|SS|TP|I|B|BR|br|nf|fi)( .*)?"),
          "a text line troff would take for a request: " + line);
    }
  }

  @Test
  void theCompletionKnowsTheCommandsAndIsNotAScript() {
    String bash = Docs.completion(HosthogCommand.commandLine(Map.of()));
    assertFalse(bash.startsWith("#!"));
    assertTrue(
        bash.contains("reboot-check") && bash.contains("complete -F"), bash.substring(0, 200));
  }

  @Test
  void gzipWritesWhatGzip9nWouldForLintian(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("changelog");
    Files.writeString(f, "hosthog (1.0) unstable; urgency=medium\n".repeat(50));
    Docs.gzip(f);
    byte[] gz = Files.readAllBytes(dir.resolve("changelog.gz"));
    assertEquals(2, gz[8], "XFL: maximum compression");
    assertArrayEquals(
        new byte[] {0, 0, 0, 0}, new byte[] {gz[4], gz[5], gz[6], gz[7]}, "no time stamp");
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertArrayEquals(Files.readAllBytes(f), in.readAllBytes());
    }
  }
}
