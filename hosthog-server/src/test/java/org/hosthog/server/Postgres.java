package org.hosthog.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away PostgreSQL 15 cluster (Debian's), started as the {@code postgres} user on loopback
 * and a free port, trusting local connections; {@link #newDatabase} gives each test a database of
 * its own. Skips the tests when PostgreSQL or root is missing, unless {@code HOSTHOG_REQUIRE_PEERS}
 * is set (as {@code .ci/run} does).
 */
public final class Postgres implements AutoCloseable {
  public static final String USER = "hh";
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final int port;

  private Postgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  private static Postgres shared;

  /**
   * One cluster for every test class of this JVM (each test takes a database of its own), stopped
   * when the JVM ends: starting a cluster costs a second or two.
   */
  public static synchronized Postgres shared() throws IOException, InterruptedException {
    if (shared == null) {
      shared = start();
      Postgres pg = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(pg::closeQuietly, "hh-pg-stop"));
    }
    return shared;
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException e) {
      // the JVM is ending; a leftover folder in /tmp is all that is lost
    }
  }

  public static Postgres start() throws IOException, InterruptedException {
    boolean usable =
        Files.isExecutable(BIN.resolve("initdb")) && "root".equals(System.getProperty("user.name"));
    if (System.getenv("HOSTHOG_REQUIRE_PEERS") == null) {
      assumeTrue(usable, "needs root and PostgreSQL 15 (apt-get install postgresql)");
    } else if (!usable) {
      throw new IllegalStateException(
          "HOSTHOG_REQUIRE_PEERS is set but PostgreSQL 15 is missing or this is not root");
    }
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "hh-pg-");
    run("chown", "postgres:postgres", dir.toString());
    run(
        "runuser",
        "-u",
        "postgres",
        "--",
        BIN.resolve("initdb").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-A",
        "trust",
        "-U",
        USER,
        "-E",
        "UTF8",
        "--no-sync");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Postgres pg = new Postgres(dir, port);
    pg.up();
    return pg;
  }

  /** Starts the cluster (again, after {@link #down}). */
  public void up() throws IOException, InterruptedException {
    run(
        "runuser",
        "-u",
        "postgres",
        "--",
        BIN.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-o",
        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off",
        "start");
  }

  /** Stops the cluster at once (connections are cut). */
  public void down() throws IOException, InterruptedException {
    run(
        "runuser",
        "-u",
        "postgres",
        "--",
        BIN.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-m",
        "immediate",
        "-w",
        "stop");
  }

  public int port() {
    return port;
  }

  /** A new, empty database; its JDBC URL. */
  public String newDatabase() throws SQLException {
    String name = "hosthog_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      down();
      run("rm", "-rf", dir.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
