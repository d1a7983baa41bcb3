package org.hosthog.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hosthog.api.PluginException;
import org.hosthog.api.spi.NotifierProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken plugin jars are reported with their path, never fatal; absent folders are no problem. */
class PluginFoldersTest {
  @TempDir Path dir;

  @Test
  void aMissingFolderIsNoProblem() {
    PluginFolders.Loaded loaded = PluginFolders.load(List.of(dir.resolve("absent")));
    assertEquals(List.of(), loaded.problems());
    assertTrue(loaded.layer().isEmpty() && loaded.loader().isEmpty());
  }

  @Test
  void emptyAndGarbageJarsAreReportedWithTheirPathAndSkipped() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jar"));
    Path garbage = Files.writeString(dir.resolve("garbage.jar"), "this is not a zip file");
    Files.createDirectories(dir.resolve("no-jars-here")); // a sub-folder without jars is no plugin
    PluginFolders.Loaded loaded = PluginFolders.load(List.of(dir));
    assertEquals(
        List.of(empty.toString(), garbage.toString()),
        loaded.problems().stream().map(PluginFolders.Problem::source).sorted().toList());
    assertTrue(
        loaded.problems().stream().allMatch(p -> p.reason().startsWith("not a readable jar")),
        loaded.problems().toString());
  }

  @Test
  void namingAnIdNobodyProvidesListsWhatWasFoundAndWhatDidNotLoad() throws Exception {
    Files.writeString(dir.resolve("slack.jar"), "not a jar");
    Plugins plugins = Plugins.withFolders(List.of(dir));
    PluginException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PluginException.class, () -> plugins.select(NotifierProvider.class, "slack"));
    assertTrue(e.getMessage().contains("no notifier provider with id 'slack'"), e.getMessage());
    assertTrue(e.getMessage().contains("slack.jar: not a readable jar"), e.getMessage());
  }
}
