package org.hosthog.core.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.hosthog.api.PluginException;
import org.hosthog.api.spi.Provider;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.Settings;
import org.hosthog.api.spi.StoreContext;
import org.hosthog.api.spi.StoreProvider;
import org.hosthog.core.plugin.PluginFolders.Problem;

/**
 * Finds providers with {@link ServiceLoader} — built into hosthog, and in the plugin folders — and
 * selects them by the id the config names.
 *
 * <p>A broken built-in provider is a bug and fails fast. A broken plugin (its jar does not load,
 * its provider throws, its id is taken) is reported in {@link #problems()} with its jar and
 * skipped; naming it in the config then fails with the list of ids found and those problems.
 */
public final class Plugins {
  private static final System.Logger LOG = System.getLogger(Plugins.class.getName());

  private final ClassLoader builtIn;
  private final PluginFolders.Loaded folders;
  private final Set<Problem> problems = new LinkedHashSet<>();

  private Plugins(ClassLoader builtIn, PluginFolders.Loaded folders) {
    this.builtIn = builtIn;
    this.folders = folders;
    problems.addAll(folders.problems());
  }

  /** Providers visible to hosthog itself (module path or class path). */
  public static Plugins builtIn() {
    return new Plugins(Plugins.class.getClassLoader(), PluginFolders.Loaded.none());
  }

  /** Built-in providers plus those of the jars in {@code dirs}. */
  public static Plugins withFolders(List<Path> dirs) {
    return new Plugins(Plugins.class.getClassLoader(), PluginFolders.load(dirs));
  }

  /** What {@code hosthog plugins} shows about one provider. */
  public record Found(String kind, String id, String description, String version, String source) {}

  /** Plugins that could not be used, with their jar and the reason. */
  public synchronized List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Every usable provider of {@code type}, by id: built-in ones first. */
  public synchronized <P extends Provider> Map<String, P> all(Class<P> type) {
    Map<String, P> byId = new LinkedHashMap<>();
    try {
      for (P provider : ServiceLoader.load(type, builtIn)) {
        P previous = byId.putIfAbsent(provider.id(), provider);
        if (previous != null && previous.getClass() != provider.getClass()) {
          throw new PluginException(
              "two "
                  + kind(type)
                  + " providers have the id '"
                  + provider.id()
                  + "': "
                  + source(previous.getClass())
                  + " and "
                  + source(provider.getClass())
                  + "; remove one of the jars");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginException(
          "a built-in " + kind(type) + " provider could not be loaded: " + e.getMessage(), e);
    }
    fromFolders(type, byId);
    return byId;
  }

  private <P extends Provider> void fromFolders(Class<P> type, Map<String, P> byId) {
    ServiceLoader<P> loader;
    if (folders.layer().isPresent()) {
      loader = ServiceLoader.load(folders.layer().get(), type);
    } else if (folders.loader().isPresent()) {
      loader = ServiceLoader.load(type, folders.loader().get());
    } else {
      return;
    }
    Iterator<ServiceLoader.Provider<P>> it = loader.stream().iterator();
    for (int guard = 0; guard < 10_000; guard++) {
      ServiceLoader.Provider<P> candidate;
      try {
        if (!it.hasNext()) {
          return;
        }
        candidate = it.next();
      } catch (ServiceConfigurationError e) {
        problems.add(new Problem("a " + kind(type) + " plugin", e.getMessage()));
        continue;
      }
      if (!fromPluginFolder(candidate.type())) {
        continue; // built-in, seen through the layer's parent
      }
      String source = source(candidate.type());
      try {
        P provider = candidate.get();
        P taken = byId.putIfAbsent(provider.id(), provider);
        if (taken != null) {
          problems.add(
              new Problem(
                  source,
                  "its "
                      + kind(type)
                      + " id '"
                      + provider.id()
                      + "' is already taken by "
                      + source(taken.getClass())));
        }
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        problems.add(
            new Problem(
                source,
                "its "
                    + kind(type)
                    + " provider "
                    + candidate.type().getName()
                    + " failed: "
                    + cause));
      }
    }
  }

  private boolean fromPluginFolder(Class<?> type) {
    return folders.layer().map(l -> type.getModule().getLayer() == l).orElse(false)
        || folders.loader().map(l -> type.getClassLoader() == l).orElse(false);
  }

  /** The provider of {@code type} with {@code id}. */
  public <P extends Provider> P select(Class<P> type, String id) {
    Map<String, P> found = all(type);
    P provider = found.get(id);
    if (provider == null) {
      List<String> broken = new ArrayList<>();
      problems().forEach(p -> broken.add(p.source() + ": " + p.reason()));
      throw new PluginException(
          "no "
              + kind(type)
              + " provider with id '"
              + id
              + "' was found; found: "
              + (found.isEmpty() ? "none" : String.join(", ", found.keySet()))
              + ". Put the plugin's jar into a [plugins] dir, or fix the id in the config."
              + (broken.isEmpty()
                  ? ""
                  : " Plugins that did not load: " + String.join("; ", broken)));
    }
    LOG.log(
        System.Logger.Level.INFO,
        "using " + kind(type) + " '" + id + "' from " + source(provider.getClass()));
    return provider;
  }

  /**
   * Opens the store of the provider with {@code id} for {@code host}, keeping its files in {@code
   * stateDir}; the caller closes it.
   */
  public ReservationStore openStore(String id, String host, Path stateDir, Settings settings) {
    return select(StoreProvider.class, id).open(new StoreContext(host, stateDir, settings));
  }

  /** Descriptions of every usable provider of {@code type}. */
  public <P extends Provider> List<Found> describe(Class<P> type) {
    List<Found> out = new ArrayList<>();
    for (P p : all(type).values()) {
      out.add(
          new Found(
              kind(type), p.id(), p.description(), version(p.getClass()), source(p.getClass())));
    }
    return out;
  }

  static String kind(Class<?> type) {
    String name = type.getSimpleName().replace("Provider", "");
    return switch (name) {
      case "CalendarSync" -> "calendar sync";
      case "FleetLink" -> "fleet link";
      default -> name.toLowerCase(Locale.ROOT);
    };
  }

  private static String version(Class<?> type) {
    Module module = type.getModule();
    if (module.isNamed() && module.getDescriptor().rawVersion().isPresent()) {
      return module.getDescriptor().rawVersion().get();
    }
    String v = type.getPackage().getImplementationVersion();
    return v == null ? "" : v;
  }

  static String source(Class<?> type) {
    CodeSource cs = Objects.requireNonNull(type).getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return type.getName();
    }
    try {
      return Path.of(cs.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return cs.getLocation().toString();
    }
  }
}
