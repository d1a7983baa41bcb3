package org.hosthog.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hosthog.api.ConfigException;
import org.hosthog.api.Text;
import org.hosthog.api.support.SecretFile;
import org.hosthog.api.support.ServiceUrls;
import org.hosthog.config.TomlSettings;

/**
 * The state server's config file ({@code server.toml}).
 *
 * @param source the file it was read from (for messages)
 * @param listenHost the address to listen on
 * @param listenPort the port; 0 picks a free one (tests)
 * @param publicUrl the base URL people and hosts reach the server at (login links start with it)
 * @param stateDir where the SQLite database lives
 * @param database {@code sqlite} or {@code postgresql}
 * @param postgres the PostgreSQL connection, when {@code database = "postgresql"}
 * @param adminUsers users who may change anything from the web
 * @param trustedUserHeader a header a reverse proxy sets to the logged-in user; empty: off
 * @param trustedProxies the addresses that header is believed from (default loopback)
 * @param maxEventStreams how many event streams the web may hold open on this instance in all
 * @param sessionLifetime how long a web session lasts
 * @param usage how usage statistics are kept and who may scrape {@code /metrics}
 */
public record ServerConfig(
    String source,
    String listenHost,
    int listenPort,
    URI publicUrl,
    Path stateDir,
    String database,
    Optional<Postgres> postgres,
    List<String> adminUsers,
    Optional<String> trustedUserHeader,
    List<String> trustedProxies,
    int maxEventStreams,
    Duration sessionLifetime,
    Usage usage) {

  public static final int DEFAULT_PORT = 8470;

  /** The default {@code max_event_streams}: a lab's browser tabs, with room to spare. */
  public static final int DEFAULT_MAX_EVENT_STREAMS = 1000;

  /** A reverse proxy on the server's own machine: the default {@code trusted_proxies}. */
  public static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");

  /**
   * @param zone the time zone days, weeks and months are counted in ({@code time_zone})
   * @param rawDays how many days the five-minute samples are kept ({@code usage_raw_days}); the
   *     daily sums are kept forever
   * @param metricsFrom addresses besides loopback that may read {@code /metrics} without a session
   *     ({@code metrics_from})
   */
  public record Usage(ZoneId zone, int rawDays, List<String> metricsFrom) {
    public static final int DEFAULT_RAW_DAYS = 14;

    public Usage {
      Objects.requireNonNull(zone, "zone");
      metricsFrom = List.copyOf(metricsFrom);
    }

    public static Usage defaults() {
      return new Usage(ZoneId.systemDefault(), DEFAULT_RAW_DAYS, List.of());
    }
  }

  /** The zone days are counted in. */
  public ZoneId zone() {
    return usage.zone();
  }

  public ServerConfig {
    Objects.requireNonNull(publicUrl, "publicUrl");
    adminUsers = List.copyOf(adminUsers);
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** The PostgreSQL connection: JDBC URL, user, password (read from a file only root can read). */
  public record Postgres(String url, String user, String password) {
    @Override
    public String toString() {
      return "Postgres[" + url + " as " + user + "]";
    }
  }

  /**
   * The default file: {@code /etc/hosthog/server.toml} for root; for another user their own {@code
   * $XDG_CONFIG_HOME/hosthog/server.toml} if they have one, else the system's (so {@code sudo -u
   * hosthog-server hosthog server enroll HOST} reads what the service reads).
   */
  public static Path defaultFile(Map<String, String> env, boolean root) {
    Path system = Path.of("/etc/hosthog/server.toml");
    if (root) {
      return system;
    }
    Path own = xdg(env, "XDG_CONFIG_HOME", ".config").resolve("hosthog/server.toml");
    return java.nio.file.Files.exists(own) || !java.nio.file.Files.isReadable(system)
        ? own
        : system;
  }

  /**
   * Reads {@code file}; a missing file gives the defaults when {@code optional}.
   *
   * @throws ConfigException naming the file, line, key and what is expected
   */
  public static ServerConfig load(
      Path file, boolean optional, Map<String, String> env, boolean root) {
    TomlSettings top = TomlSettings.file(file, optional);
    TomlSettings server = top.table("server", "server");
    TomlSettings pg = server.table("postgresql", "server.postgresql");
    top.requireNoUnknownKeys("[server], [server.postgresql]");

    String[] listen = listen(server);
    String host = listen[0];
    int port = Integer.parseInt(listen[1]);
    boolean allowHttp = server.bool("allow_http").orElse(false);
    if (!allowHttp && !isLoopback(host)) {
      throw server.invalid(
          "listen",
          "a loopback address (e.g. \"127.0.0.1:8470\") behind a TLS reverse proxy: plain HTTP"
              + " would carry session cookies and host tokens in clear text (allow_http = true"
              + " listens there anyway)");
    }
    URI publicUrl =
        server
            .string("public_url")
            .map(
                u ->
                    ServiceUrls.base(
                        server,
                        "public_url",
                        u,
                        "https://hosthog.lab.example/",
                        Optional.empty(),
                        true))
            .orElse(URI.create("http://" + hostInUrl(host) + ":" + port + "/"));
    Path stateDir =
        server
            .string("state_dir")
            .map(Path::of)
            .orElse(
                root
                    ? Path.of("/var/lib/hosthog-server")
                    : xdg(env, "XDG_STATE_HOME", ".local/state").resolve("hosthog-server"));
    String database = server.string("database").orElse("sqlite");
    if (!List.of("sqlite", "postgresql").contains(database)) {
      throw server.invalid("database", "\"sqlite\" or \"postgresql\"");
    }
    Optional<Postgres> postgres = Optional.empty();
    if (database.equals("postgresql")) {
      String url =
          pg.string("url")
              .filter(u -> u.startsWith("jdbc:postgresql:"))
              .orElseThrow(
                  () ->
                      pg.invalid(
                          "url", "a JDBC URL such as \"jdbc:postgresql://db:5432/hosthog\""));
      String user = pg.string("user").orElse("hosthog");
      String password =
          pg.string("password_file")
              .map(f -> SecretFile.read(Path.of(f), "[server.postgresql] password_file"))
              .orElse("");
      postgres = Optional.of(new Postgres(url, user, password));
    }
    pg.requireNoUnknownKeys("url, user, password_file");
    List<String> admins = server.strings("admin_users");
    Optional<String> header =
        server.string("trusted_user_header").map(String::strip).filter(h -> !h.isEmpty());
    if (header.isPresent() && !header.get().matches("[A-Za-z0-9-]{1,64}")) {
      throw server.invalid("trusted_user_header", "a header name such as \"X-Remote-User\"");
    }
    List<String> proxies =
        server.strings("trusted_proxies").isEmpty() ? LOOPBACK : server.strings("trusted_proxies");
    for (String a : proxies) {
      if (!a.matches("[0-9A-Fa-f.:]{2,45}")) {
        throw server.invalid(
            "trusted_proxies",
            "a list of IP addresses such as [\"10.0.0.2\"] (got \"" + Text.sanitize(a) + "\")");
      }
    }
    long streams = server.integer("max_event_streams").orElse((long) DEFAULT_MAX_EVENT_STREAMS);
    if (streams < 1 || streams > 100_000) {
      throw server.invalid("max_event_streams", "a number from 1 to 100000, e.g. 1000");
    }
    Duration session = server.duration("session_lifetime").orElse(Duration.ofHours(12));
    if (session.compareTo(Duration.ofMinutes(1)) < 0) {
      throw server.invalid("session_lifetime", "a duration of at least 1m, e.g. \"12h\"");
    }
    Usage usage = usage(server);
    server.requireNoUnknownKeys(
        "listen, public_url, state_dir, database, admin_users, trusted_user_header,"
            + " trusted_proxies, max_event_streams, session_lifetime, allow_http, time_zone,"
            + " usage_raw_days, metrics_from");
    return new ServerConfig(
        file.toString(),
        host,
        port,
        publicUrl,
        stateDir,
        database,
        postgres,
        admins,
        header,
        proxies,
        (int) streams,
        session,
        usage);
  }

  private static Usage usage(TomlSettings server) {
    ZoneId zone =
        server
            .string("time_zone")
            .map(
                z -> {
                  try {
                    return ZoneId.of(z.strip());
                  } catch (java.time.DateTimeException e) {
                    throw server.invalid(
                        "time_zone", "a time zone such as \"Europe/Berlin\" or \"UTC\"");
                  }
                })
            .orElse(ZoneId.systemDefault());
    long rawDays = server.integer("usage_raw_days").orElse((long) Usage.DEFAULT_RAW_DAYS);
    if (rawDays < 1 || rawDays > 3660) {
      throw server.invalid("usage_raw_days", "a number of days from 1 to 3660, e.g. 14");
    }
    List<String> from = server.strings("metrics_from");
    for (String a : from) {
      if (!a.matches("[0-9A-Fa-f.:]{2,45}")) {
        throw server.invalid(
            "metrics_from", "a list of IP addresses such as [\"10.0.0.7\"] (got \"" + a + "\")");
      }
    }
    return new Usage(zone, (int) rawDays, from);
  }

  private static String[] listen(TomlSettings server) {
    String raw = server.string("listen").orElse("127.0.0.1:" + DEFAULT_PORT).strip();
    int colon = raw.lastIndexOf(':');
    String expected = "an address and port such as \"127.0.0.1:8470\"";
    if (colon <= 0 || !raw.substring(colon + 1).matches("\\d{1,5}")) {
      throw server.invalid("listen", expected);
    }
    int port = Integer.parseInt(raw.substring(colon + 1));
    if (port > 65535) {
      throw server.invalid("listen", expected);
    }
    String host = raw.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new String[] {host, Integer.toString(port)};
  }

  public static boolean isLoopback(String host) {
    return ServiceUrls.isLoopback(host);
  }

  private static String hostInUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static Path xdg(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    if (value != null && value.startsWith("/")) {
      return Path.of(value);
    }
    return Path.of(System.getProperty("user.home")).resolve(fallback);
  }
}
