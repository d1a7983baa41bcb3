package org.hosthog.launcher.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} names every key a config reader accepts: the daemon's sections, the
 * state server's, and every bundled plugin's. The keys are taken from the readers' sources (each
 * typed getter call with a literal key), so a key added to a reader and not to the document fails
 * here.
 */
class ConfigurationDocTest {
  /** A typed getter of a settings section, called with a literal key. */
  private static final Pattern GETTER =
      Pattern.compile(
          "\\b(?:string|integer|bool|duration|strings|table|path|span)\\((?:\\w+, )?\"([a-z][a-z_]*)\"");

  @Test
  void everyKeyAReaderAcceptsIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("../docs/configuration.md"), StandardCharsets.UTF_8);
    Set<String> missing = new TreeSet<>();
    for (Path source : readers()) {
      Matcher m = GETTER.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (m.find()) {
        String key = m.group(1);
        if (!Pattern.compile("(?m)^#? ?" + key + " +=|[\\[.]" + key + "]").matcher(doc).find()) {
          missing.add(key + " (" + source.getFileName() + ")");
        }
      }
    }
    assertEquals(
        Set.of(), missing, "keys read by a config reader but not in docs/configuration.md");
  }

  /** Every main source file that reads a config section (core, server, bundled plugins). */
  private static List<Path> readers() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(".."))) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(
              p ->
                  !p.toString().contains("hosthog-api/")
                      && !p.toString().contains("hosthog-config/"))
          .filter(p -> !p.toString().contains("hosthog-bench/"))
          .filter(ConfigurationDocTest::readsSettings)
          .toList();
    }
  }

  private static boolean readsSettings(Path p) {
    try {
      String s = Files.readString(p, StandardCharsets.UTF_8);
      return s.contains("settings()") || s.contains("TomlSettings") || s.contains("Settings s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
