package org.hosthog.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hosthog.api.ConfigException;
import org.hosthog.api.InvalidInputException;
import org.hosthog.api.TimeSpan;
import org.hosthog.api.spi.Settings;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * A section of a TOML config file that remembers which keys were read, so unknown keys can be
 * reported; typed getters whose errors name the file, line, key and what was expected. Not
 * thread-safe: it is read while the daemon (or the server) starts.
 */
public final class TomlSettings implements Settings {
  private final String source;
  private final String section;
  private final Optional<TomlTable> table;
  private final Set<String> read = new HashSet<>();

  public TomlSettings(String source, String section, Optional<TomlTable> table) {
    this.source = source;
    this.section = section;
    this.table = table;
  }

  /**
   * The top level of the TOML file {@code file} (for config files other than the daemon's, such as
   * the state server's); a missing file reads as empty when {@code optional}.
   *
   * @throws ConfigException naming the file and line of a syntax error
   */
  public static TomlSettings file(Path file, boolean optional) {
    org.tomlj.TomlParseResult toml;
    try {
      toml = org.tomlj.Toml.parse(file);
    } catch (java.nio.file.NoSuchFileException e) {
      if (optional) {
        return empty(file, "");
      }
      throw new ConfigException(file + ": no such config file");
    } catch (java.io.IOException e) {
      throw new ConfigException(file + ": cannot read the config file: " + e.getMessage(), e);
    }
    if (toml.hasErrors()) {
      throw new ConfigException(
          file
              + ":"
              + toml.errors().get(0).position().line()
              + ": not valid TOML: "
              + toml.errors().get(0).getMessage()
              + " (see https://toml.io for the syntax)");
    }
    return new TomlSettings(file.toString(), "", Optional.of(toml));
  }

  /** The sub-table {@code name} of this section (empty settings if absent); marks it read. */
  public TomlSettings table(String name, String sectionName) {
    read.add(name);
    Optional<TomlTable> sub =
        table.flatMap(
            t ->
                t.isTable(List.of(name))
                    ? Optional.of(t.getTable(List.of(name)))
                    : Optional.empty());
    if (table.isPresent() && table.get().contains(List.of(name)) && sub.isEmpty()) {
      throw new ConfigException(
          where(table.get().inputPositionOf(List.of(name)))
              + "'"
              + name
              + "' must be a section: ["
              + sectionName
              + "]");
    }
    return new TomlSettings(source, sectionName, sub);
  }

  /** Settings with no values, for a section absent from the file. */
  public static TomlSettings empty(String source, String section) {
    return new TomlSettings(source, section, Optional.empty());
  }

  public static TomlSettings empty(Path source, String section) {
    return empty(source.toString(), section);
  }

  @Override
  public String section() {
    return section;
  }

  public boolean isPresent() {
    return table.isPresent();
  }

  @Override
  public Optional<String> string(String key) {
    return value(key).map(v -> v instanceof String s ? s : fail(key, "a string in quotes"));
  }

  @Override
  public Optional<Long> integer(String key) {
    return value(key).map(v -> v instanceof Long n ? n : fail(key, "a whole number"));
  }

  @Override
  public Optional<Boolean> bool(String key) {
    return value(key).map(v -> v instanceof Boolean b ? b : fail(key, "true or false"));
  }

  @Override
  public Optional<Duration> duration(String key) {
    String expected = "a duration in quotes, e.g. \"90s\", \"5m\", \"2h\", \"1h30m\"";
    return value(key)
        .map(v -> v instanceof String s ? s : fail(key, expected))
        .map(
            s -> {
              try {
                return TimeSpan.parse(s).approximate();
              } catch (InvalidInputException e) {
                return fail(key, expected);
              }
            });
  }

  @Override
  public List<String> strings(String key) {
    Optional<Object> v = value(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!(v.get() instanceof TomlArray array)) {
      return fail(key, "an array of strings, e.g. [\"a\", \"b\"]");
    }
    List<String> out = new ArrayList<>();
    for (Object item : array.toList()) {
      out.add(item instanceof String s ? s : fail(key, "an array of strings, e.g. [\"a\", \"b\"]"));
    }
    return List.copyOf(out);
  }

  @Override
  public Map<String, String> table(String key) {
    Optional<Object> v = value(key);
    if (v.isEmpty()) {
      return Map.of();
    }
    if (!(v.get() instanceof TomlTable sub)) {
      return fail(key, "a table of strings, e.g. [" + section + "." + key + "]");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : sub.keySet()) {
      Object item = sub.get(List.of(k));
      if (!(item instanceof String s)) {
        throw new ConfigException(
            where(sub.inputPositionOf(List.of(k)))
                + "["
                + section
                + "."
                + key
                + "] "
                + k
                + ": expected a string in quotes");
      }
      out.put(k, s);
    }
    return Map.copyOf(out);
  }

  @Override
  public ConfigException invalid(String key, String expected) {
    String shown = value(key).map(TomlSettings::show).orElse("(missing)");
    return new ConfigException(
        where(table.map(t -> t.inputPositionOf(List.of(key))).orElse(null))
            + "["
            + section
            + "] "
            + key
            + " = "
            + shown
            + ": expected "
            + expected);
  }

  /** Keys present in the file that nobody read, sorted. */
  public Set<String> unreadKeys() {
    Set<String> unread = new TreeSet<>(table.map(TomlTable::keySet).orElse(Set.of()));
    unread.removeAll(read);
    return unread;
  }

  /** Fails if any key was never read: a typo, or a key of another version. */
  public void requireNoUnknownKeys(String known) {
    Optional<String> unknown = unreadKeys().stream().findFirst();
    if (unknown.isPresent()) {
      throw new ConfigException(
          where(table.get().inputPositionOf(List.of(unknown.get())))
              + "unknown key '"
              + unknown.get()
              + (section.isEmpty() ? "' at the top level" : "' in [" + section + "]")
              + "; known keys: "
              + known);
    }
  }

  /** Marks a key as read without reading it (sub-tables handled elsewhere). */
  public void markRead(String key) {
    read.add(key);
  }

  /** The TOML table behind this section, for readers that walk sub-tables themselves. */
  public Optional<TomlTable> rawTable() {
    return table;
  }

  /** The file (or "(defaults)") these settings come from, as error messages name it. */
  public String source() {
    return source;
  }

  private Optional<Object> value(String key) {
    read.add(key);
    return table.map(t -> t.get(List.of(key)));
  }

  private <T> T fail(String key, String expected) {
    throw invalid(key, expected);
  }

  /** {@code "file:line: "}, the start of an error message about a value at {@code position}. */
  public String where(TomlPosition position) {
    return source + (position == null ? "" : ":" + position.line()) + ": ";
  }

  private static String show(Object value) {
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof TomlArray a) {
      return "[" + String.join(", ", a.toList().stream().map(TomlSettings::show).toList()) + "]";
    }
    if (value instanceof TomlTable) {
      return "(a table)";
    }
    return String.valueOf(value);
  }
}
