package org.hosthog.launcher.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The naming rule of STYLE.md: folder = artifactId; module = org.hosthog. + folder with '-' as '.'
 * minus a 'hosthog-' prefix; every package starts with the module name. And each provider is
 * registered both in module-info (module path) and in META-INF/services (class path).
 */
class ModuleLayoutTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static List<String> modules() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (m.find()) {
      modules.add(m.group(1));
    }
    return modules;
  }

  static String expectedModuleName(String folder) {
    return "org.hosthog." + folder.replaceFirst("^hosthog-", "").replace('-', '.');
  }

  @ParameterizedTest
  @MethodSource("modules")
  void folderArtifactModuleAndPackagesAgree(String folder) throws IOException {
    Path dir = ROOT.resolve(folder);
    String pom = Files.readString(dir.resolve("pom.xml"));
    String artifactId =
        pom.replaceAll("(?s)<parent>.*?</parent>", "")
            .replaceAll("(?s).*?<artifactId>([^<]+)</artifactId>.*", "$1");
    assertEquals(folder, artifactId, "artifactId of " + folder);
    String moduleInfo = Files.readString(dir.resolve("src/main/java/module-info.java"));
    Matcher name = Pattern.compile("(?m)^module\\s+([\\w.]+)").matcher(moduleInfo);
    assertTrue(name.find(), "module-info of " + folder + " declares a module");
    String module = name.group(1);
    assertEquals(expectedModuleName(folder), module, "module name of " + folder);
    for (String pkg : packages(dir.resolve("src/main/java"))) {
      assertTrue(
          pkg.equals(module) || pkg.startsWith(module + "."),
          "package " + pkg + " of " + folder + " starts with " + module);
    }
  }

  @ParameterizedTest
  @MethodSource("modules")
  void providersAreRegisteredForModulePathAndClassPathAlike(String folder) throws IOException {
    Path dir = ROOT.resolve(folder);
    String moduleInfo =
        Files.readString(dir.resolve("src/main/java/module-info.java"))
            .replaceAll("//.*|(?s)/\\*.*?\\*/", "");
    Set<String> declared = new TreeSet<>();
    Matcher provides =
        Pattern.compile("provides\\s+([\\w.]+)\\s+with\\s+([\\w.,\\s]+);").matcher(moduleInfo);
    while (provides.find()) {
      for (String impl : provides.group(2).split(",")) {
        declared.add(provides.group(1) + "=" + impl.strip());
      }
    }
    Set<String> registered = new TreeSet<>();
    Path services = dir.resolve("src/main/resources/META-INF/services");
    if (Files.isDirectory(services)) {
      try (Stream<Path> files = Files.list(services)) {
        for (Path f : files.toList()) {
          for (String line : Files.readAllLines(f)) {
            String impl = line.replaceAll("#.*", "").strip();
            if (!impl.isEmpty()) {
              registered.add(f.getFileName() + "=" + impl);
            }
          }
        }
      }
    }
    assertEquals(
        declared,
        registered,
        folder + ": 'provides' in module-info and META-INF/services must list the same providers");
  }

  private static Set<String> packages(Path sources) throws IOException {
    Set<String> pkgs = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
              .toList()) {
        Matcher m = Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(Files.readString(f));
        if (m.find()) {
          pkgs.add(m.group(1));
        }
      }
    }
    return pkgs;
  }
}
