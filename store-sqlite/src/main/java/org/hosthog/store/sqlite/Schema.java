package org.hosthog.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hosthog.api.StoreException;
import org.jdbi.v3.core.Handle;

/**
 * The database's layout and its forward migrations: {@code schema-N.sql} takes version N-1 to N.
 *
 * <p>{@code PRAGMA application_id} marks the file as hosthog's; {@code PRAGMA user_version} holds
 * the schema version.
 */
final class Schema {
  /** "HHOG" in ASCII. */
  static final int APPLICATION_ID = 0x48484F47;

  static final int CURRENT = 3;

  private Schema() {}

  /** Refuses a file that is not ours or is newer than this code; never writes. */
  static void check(Handle h, String file) {
    int appId = h.createQuery("PRAGMA application_id").mapTo(Integer.class).one();
    int version = h.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
    int tables = h.createQuery("SELECT count(*) FROM sqlite_master").mapTo(Integer.class).one();
    if (tables > 0 && appId != APPLICATION_ID) {
      throw new StoreException(
          file
              + " is an SQLite database, but not hosthog's; hosthog leaves it untouched."
              + " Point [daemon] state_dir or [store.sqlite] file elsewhere.");
    }
    if (version > CURRENT) {
      throw new StoreException(
          file
              + " was written by a newer hosthog (schema "
              + version
              + "; this version knows up to "
              + CURRENT
              + "). Upgrade hosthog; the file is left untouched.");
    }
    List<String> problems = h.createQuery("PRAGMA quick_check").mapTo(String.class).list();
    if (!problems.equals(List.of("ok"))) {
      throw new StoreException(
          file
              + " is damaged ("
              + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
              + "). hosthog leaves it untouched: restore a backup, or move it away to start empty.");
    }
  }

  /** Brings the schema to {@link #CURRENT}, one transaction per step. */
  static void migrate(Handle h) {
    int version = h.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
    for (int next = version + 1; next <= CURRENT; next++) {
      String script = script(next);
      int target = next;
      h.useTransaction(
          tx -> {
            for (String statement : statements(script)) {
              tx.execute(statement);
            }
            tx.execute("PRAGMA application_id = " + APPLICATION_ID);
            tx.execute("PRAGMA user_version = " + target);
          });
    }
  }

  private static List<String> statements(String script) {
    String withoutComments = script.replaceAll("--[^\\n]*", "");
    return Arrays.stream(withoutComments.split(";"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String script(int version) {
    String name = "schema-" + version + ".sql";
    try (InputStream in = Schema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
