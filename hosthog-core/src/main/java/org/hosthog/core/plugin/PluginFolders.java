package org.hosthog.core.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.hosthog.api.ConfigException;

/**
 * Loads the jars of the plugin folders: into a module layer of their own when hosthog runs on the
 * module path (plain jars become automatic modules), or into one class loader when it runs on the
 * class path. A jar that cannot be loaded is reported with its path and the reason, never fatal.
 */
public final class PluginFolders {
  private static final System.Logger LOG = System.getLogger(PluginFolders.class.getName());

  private PluginFolders() {}

  /**
   * Refuses a plugin folder, or a jar or sub-folder in it, that someone other than its owner could
   * change: whoever can write there runs code in the daemon. For a root daemon the owner must be
   * root. The same rule as for secret files: the daemon does not start, and says what fixes it.
   *
   * @throws ConfigException naming the path and the {@code chmod} or {@code chown} that fixes it
   */
  static void refuseUnsafe(Path dir, boolean root) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    refuseUnsafeOne(dir, root);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isDirectory(p)) {
          refuseUnsafe(p, root);
        } else if (p.getFileName().toString().endsWith(".jar")) {
          refuseUnsafeOne(p, root);
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read the plugin folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void refuseUnsafeOne(Path p, boolean root) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (perms.contains(PosixFilePermission.GROUP_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new ConfigException(
            "the plugin "
                + (Files.isDirectory(p) ? "folder " : "jar ")
                + p
                + " may be changed by other users (mode "
                + PosixFilePermissions.toString(perms)
                + "), and its code runs in the hosthog daemon; run: chmod go-w "
                + p);
      }
      String owner = Files.getOwner(p).getName();
      if (root && !owner.equals("root")) {
        throw new ConfigException(
            "the plugin "
                + (Files.isDirectory(p) ? "folder " : "jar ")
                + p
                + " belongs to "
                + owner
                + ", and a daemon running as root loads only root's plugins; run: chown root "
                + p);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing to check
    }
  }

  /** A jar that could not be used, and why. */
  public record Problem(String source, String reason) {}

  /**
   * What was loaded from the folders.
   *
   * @param layer the plugins' module layer, when hosthog runs on the module path
   * @param loader the plugins' class loader, when it runs on the class path
   * @param problems the jars that could not be loaded
   */
  public record Loaded(
      Optional<ModuleLayer> layer, Optional<ClassLoader> loader, List<Problem> problems) {
    public Loaded {
      problems = List.copyOf(problems);
    }

    static Loaded none() {
      return new Loaded(Optional.empty(), Optional.empty(), List.of());
    }
  }

  /**
   * Loads every plugin of the folders: each jar directly in a folder is one plugin, each sub-folder
   * (a plugin with the jars it needs, like {@code plugins/store-mapdb/}) is another.
   */
  public static Loaded load(List<Path> dirs) {
    boolean root = "root".equals(System.getProperty("user.name"));
    for (Path dir : dirs) {
      refuseUnsafe(dir, root);
    }
    List<Problem> problems = new ArrayList<>();
    List<List<Path>> units = new ArrayList<>();
    for (Path dir : dirs) {
      for (Path jar : jarsIn(dir, problems)) {
        units.add(List.of(jar));
      }
      for (Path sub : subfolders(dir, problems)) {
        List<Path> jars = jarsIn(sub, problems);
        if (!jars.isEmpty()) {
          units.add(jars);
        }
      }
    }
    units.removeIf(unit -> !unit.stream().allMatch(jar -> readable(jar, problems)));
    if (units.isEmpty()) {
      return new Loaded(Optional.empty(), Optional.empty(), problems);
    }
    Loaded loaded =
        PluginFolders.class.getModule().isNamed()
            ? layer(units, problems)
            : classPath(flat(units), problems);
    loaded
        .problems()
        .forEach(
            p ->
                LOG.log(
                    System.Logger.Level.WARNING,
                    "plugin " + p.source() + " not loaded: " + p.reason()));
    return loaded;
  }

  private static List<Path> flat(List<List<Path>> units) {
    return units.stream().flatMap(List::stream).toList();
  }

  private static List<Path> subfolders(Path dir, List<Problem> problems) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> subs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      entries.forEach(subs::add);
    } catch (IOException e) {
      problems.add(new Problem(dir.toString(), "cannot list the folder: " + e.getMessage()));
    }
    subs.sort(null);
    return subs;
  }

  private static List<Path> jarsIn(Path dir, List<Problem> problems) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
      files.forEach(jars::add);
    } catch (IOException e) {
      problems.add(new Problem(dir.toString(), "cannot list the folder: " + e.getMessage()));
    }
    jars.sort(null);
    return jars;
  }

  private static boolean readable(Path jar, List<Problem> problems) {
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.entries().hasMoreElements()) {
        return true;
      }
      problems.add(new Problem(jar.toString(), "an empty jar"));
      return false;
    } catch (IOException e) {
      problems.add(new Problem(jar.toString(), "not a readable jar (" + e.getMessage() + ")"));
      return false;
    }
  }

  /**
   * All plugins in one layer; if they do not resolve together, each plugin (jar or sub-folder) on
   * its own.
   */
  private static Loaded layer(List<List<Path>> units, List<Problem> problems) {
    Optional<ModuleLayer> all = define(flat(units), problems, false);
    if (all.isPresent()) {
      return new Loaded(all, Optional.empty(), problems);
    }
    List<List<Path>> good = new ArrayList<>();
    for (List<Path> unit : units) {
      if (define(unit, problems, true).isPresent()) {
        good.add(unit);
      }
    }
    return new Loaded(
        good.isEmpty() ? Optional.empty() : define(flat(good), problems, true),
        Optional.empty(),
        problems);
  }

  private static Optional<ModuleLayer> define(
      List<Path> jars, List<Problem> problems, boolean report) {
    try {
      ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
      Set<String> roots =
          finder.findAll().stream()
              .map(ModuleReference::descriptor)
              .map(d -> d.name())
              .collect(Collectors.toSet());
      ModuleLayer boot = ModuleLayer.boot();
      // JDK modules must already be in the boot layer (the daemon adds ALL-DEFAULT): a child layer
      // may not define them
      Configuration cf = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
      return Optional.of(boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader()));
    } catch (FindException
        | ResolutionException
        | LayerInstantiationException
        | SecurityException e) {
      if (report) {
        problems.add(
            new Problem(
                jars.size() == 1 ? jars.get(0).toString() : jars.get(0).getParent().toString(),
                e.getMessage()));
      }
      return Optional.empty();
    }
  }

  private static Loaded classPath(List<Path> jars, List<Problem> problems) {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        problems.add(new Problem(jar.toString(), e.getMessage()));
      }
    }
    ClassLoader loader =
        new URLClassLoader(
            "hosthog-plugins", urls.toArray(URL[]::new), PluginFolders.class.getClassLoader());
    return new Loaded(Optional.empty(), Optional.of(loader), problems);
  }
}
