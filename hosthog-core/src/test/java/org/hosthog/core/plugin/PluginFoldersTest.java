package org.hosthog.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.hosthog.api.ConfigException;
import org.hosthog.api.PluginException;
import org.hosthog.api.spi.NotifierProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken plugin jars are reported with their path, never fatal; absent folders are no problem. */
class PluginFoldersTest {
  @TempDir Path dir;

  @Test
  void aFolderOrJarOthersMayChangeIsRefusedSayingWhatFixesIt() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path sub = Files.createDirectories(plugins.resolve("store-x"));
    Path jar = Files.writeString(sub.resolve("x.jar"), "not loaded: refused before");
    for (Path p : List.of(plugins, sub, jar)) {
      String open = Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-r--";
      String safe = Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--";
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(open));
      ConfigException e =
          assertThrows(ConfigException.class, () -> PluginFolders.load(List.of(plugins)));
      assertTrue(e.getMessage().contains("chmod go-w " + p), e.getMessage());
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(safe));
    }
    PluginFolders.refuseUnsafe(plugins, false); // all safe again
  }

  @Test
  void aRootDaemonLoadsOnlyRootsPlugins() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root (CI is)");
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = Files.writeString(plugins.resolve("x.jar"), "x");
    Files.setOwner(
        jar, jar.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> PluginFolders.refuseUnsafe(plugins, true));
    assertTrue(
        e.getMessage().contains("belongs to nobody")
            && e.getMessage().contains("chown root " + jar),
        e.getMessage());
    PluginFolders.refuseUnsafe(plugins, false); // an ordinary user's daemon takes its own plugins
  }

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
