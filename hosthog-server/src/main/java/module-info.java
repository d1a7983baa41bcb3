/**
 * hosthog's optional state server: one fleet database (SQLite, or PostgreSQL for several
 * instances), the HTTP API {@code /api/v1} on Jetty 12, the links host daemons keep to it (pushes,
 * heartbeats, usage samples, a stream of requests made on the web), one-time web logins and
 * sessions, usage statistics and {@code /metrics} (Prometheus client_java).
 *
 * <p>Runs as {@code hosthog server}; the {@code hosthog} script puts this module and its jars on
 * the module path only for that command, so hosts never load them.
 */
module org.hosthog.server {
  requires org.hosthog.config;
  requires org.hosthog.wire;
  requires org.eclipse.jetty.server;
  requires org.jdbi.v3.core;
  requires org.xerial.sqlitejdbc;
  requires org.postgresql.jdbc;
  requires com.zaxxer.hikari;
  requires com.google.gson;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.metrics.config;
  requires io.prometheus.writer.text;
  requires info.picocli;
  requires java.sql;
  requires java.logging; // only to quiet the pool's start-up lines

  opens org.hosthog.server to
      info.picocli;
}
