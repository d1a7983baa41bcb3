/**
 * Reading hosthog's TOML config files: a section that remembers which keys were read (so an unknown
 * key stops the program, naming file and line), with typed getters whose errors say what was
 * expected. Durations use the command line's grammar ({@link org.hosthog.api.TimeSpan#parse}).
 *
 * <p>Shared by the daemon's config (core) and the state server's, which does not depend on the
 * core.
 */
module org.hosthog.config {
  requires transitive org.hosthog.api;
  requires transitive org.tomlj; // TomlSettings.rawTable() hands out the table

  exports org.hosthog.config;
}
