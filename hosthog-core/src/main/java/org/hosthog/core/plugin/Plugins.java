package org.hosthog.core.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.hosthog.api.PluginException;
import org.hosthog.api.spi.Provider;

/**
 * Finds providers with {@link ServiceLoader} and selects them by the id the config names.
 *
 * <p>Duplicate ids fail fast; an unknown id fails listing every id that was found.
 */
public final class Plugins {
  private static final System.Logger LOG = System.getLogger(Plugins.class.getName());

  private final ClassLoader loader;
  private final ModuleLayer layer;

  private Plugins(ClassLoader loader, ModuleLayer layer) {
    this.loader = loader;
    this.layer = layer;
  }

  /** Providers visible to hosthog itself (module path or class path). */
  public static Plugins builtIn() {
    return new Plugins(Plugins.class.getClassLoader(), null);
  }

  /** Providers of a plugin module layer (and its parents). */
  public static Plugins of(ModuleLayer layer) {
    return new Plugins(null, Objects.requireNonNull(layer, "layer"));
  }

  /** What {@code hosthog plugins} shows about one provider. */
  public record Found(String kind, String id, String description, String version, String source) {}

  /** Every provider of {@code type}, by id. */
  public <P extends Provider> Map<String, P> all(Class<P> type) {
    Map<String, P> byId = new LinkedHashMap<>();
    ServiceLoader<P> services = layer != null ? ServiceLoader.load(layer, type) : ServiceLoader.load(type, loader);
    try {
      for (P provider : services) {
        P previous = byId.putIfAbsent(provider.id(), provider);
        if (previous != null && previous.getClass() != provider.getClass()) {
          throw new PluginException(
              "two " + kind(type) + " providers have the id '" + provider.id() + "': " + source(previous) + " and "
                  + source(provider) + "; remove one of the jars");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginException("a " + kind(type) + " provider could not be loaded: " + e.getMessage(), e);
    }
    return byId;
  }

  /** The provider of {@code type} with {@code id}. */
  public <P extends Provider> P select(Class<P> type, String id) {
    Map<String, P> found = all(type);
    P provider = found.get(id);
    if (provider == null) {
      throw new PluginException(
          "no " + kind(type) + " provider with id '" + id + "' was found; found: "
              + (found.isEmpty() ? "none" : String.join(", ", found.keySet()))
              + ". Put the plugin's jar into a [plugins] dir, or fix the id in the config.");
    }
    LOG.log(System.Logger.Level.INFO, "using " + kind(type) + " '" + id + "' from " + source(provider));
    return provider;
  }

  /** Descriptions of every provider of {@code type}. */
  public <P extends Provider> List<Found> describe(Class<P> type) {
    List<Found> out = new ArrayList<>();
    for (P p : all(type).values()) {
      out.add(new Found(kind(type), p.id(), p.description(), version(p), source(p)));
    }
    return out;
  }

  static String kind(Class<?> type) {
    String name = type.getSimpleName().replace("Provider", "");
    return name.equals("CalendarSync") ? "calendar sync" : name.toLowerCase(java.util.Locale.ROOT);
  }

  private static String version(Object provider) {
    Module module = provider.getClass().getModule();
    if (module.isNamed() && module.getDescriptor().rawVersion().isPresent()) {
      return module.getDescriptor().rawVersion().get();
    }
    String v = provider.getClass().getPackage().getImplementationVersion();
    return v == null ? "" : v;
  }

  private static String source(Object provider) {
    CodeSource cs = provider.getClass().getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return provider.getClass().getName();
    }
    try {
      return Path.of(cs.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return cs.getLocation().toString();
    }
  }
}
