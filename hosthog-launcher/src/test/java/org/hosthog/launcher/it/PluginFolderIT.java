package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jars dropped into a plugin folder and named in the config: the webhook notifier (built by this
 * project, loaded only from the folder) posts to a real HTTP server; the example plugin of
 * docs/plugins.md is compiled from that page and receives events; broken jars are reported, not
 * fatal.
 */
class PluginFolderIT {
  static final String SECRET = "T0000/B0000/s3cr3tW3bh00kT0k3n";
  static DaemonFixture hh;
  static HttpServer chat;
  static final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  static Path plugins;
  static Path eventLog;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhpalice");
    chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    chat.createContext(
        "/",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    chat.start();
    plugins = Files.createTempDirectory(Path.of("/tmp"), "hh-plugins-");
    eventLog = plugins.resolveSibling(plugins.getFileName() + "-events.log");
    Files.copy(webhookJar(), plugins.resolve("notify-webhook.jar"));
    Files.copy(readmeExample(), plugins.resolve("eventlog.jar"));
    Files.copy(throwingPlugin(), plugins.resolve("throwing.jar"));
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Files.write(plugins.resolve("garbage.jar"), noise);
    String url = "http://127.0.0.1:" + chat.getAddress().getPort() + "/services/" + SECRET;
    hh =
        new DaemonFixture(
                "[plugins]\ndir = [\""
                    + plugins
                    + "\"]\n[notify]\nenabled = [\"webhook\", \"eventlog\"]\n"
                    + "[notify.webhook]\nurl = \""
                    + url
                    + "\"\nretries = 1\n[notify.eventlog]\npath = \""
                    + eventLog
                    + "\"\n")
            .start();
  }

  @AfterAll
  static void stop() {
    if (hh != null) {
      hh.close();
    }
    if (chat != null) {
      chat.stop(0);
    }
  }

  static Path webhookJar() throws IOException {
    try (Stream<Path> jars = Files.list(Path.of("../notify-webhook/target"))) {
      return jars.filter(
              p -> p.getFileName().toString().matches("notify-webhook-[^-]+(-SNAPSHOT)?\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("build notify-webhook first"));
    }
  }

  static Path apiJar() throws IOException {
    try (Stream<Path> jars = Files.list(DaemonFixture.COPY.resolve("hosthog/lib"))) {
      return jars.filter(p -> p.getFileName().toString().startsWith("hosthog-api-"))
          .findFirst()
          .orElseThrow();
    }
  }

  /** Compiles the example plugin exactly as docs/plugins.md shows it, and jars it that way. */
  static Path readmeExample() throws Exception {
    String readme = Files.readString(Path.of("../docs/plugins.md"));
    Path dir = Files.createTempDirectory("hh-example-");
    Matcher m =
        Pattern.compile("<!-- plugin-example: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    List<String> sources = new ArrayList<>();
    while (m.find()) {
      Path file = dir.resolve(m.group(1));
      Files.createDirectories(file.getParent());
      Files.writeString(file, m.group(2));
      sources.add(file.toString());
    }
    assertEquals(2, sources.size(), "docs/plugins.md shows the provider and its module-info");
    return buildJar(
        dir,
        sources,
        List.of("--module-path", apiJar().toString()),
        "org.example.hosthog.EventLogProvider",
        "eventlog");
  }

  /** A plain jar whose provider throws in its constructor. */
  static Path throwingPlugin() throws Exception {
    Path dir = Files.createTempDirectory("hh-throwing-");
    Path src = dir.resolve("src/bad/Throwing.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        "package bad;\npublic final class Throwing implements org.hosthog.api.spi.NotifierProvider {\n"
            + "  public Throwing() { throw new IllegalStateException(\"boom\"); }\n"
            + "  public String id() { return \"throwing\"; }\n"
            + "  public org.hosthog.api.spi.Notifier open(org.hosthog.api.spi.PluginContext c) { return null; }\n}\n");
    return buildJar(
        dir,
        List.of(src.toString()),
        List.of("-cp", apiJar().toString()),
        "bad.Throwing",
        "throwing");
  }

  private static Path buildJar(
      Path dir, List<String> sources, List<String> options, String provider, String name)
      throws Exception {
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("--release", "17", "-d", out.toString()));
    args.addAll(sources);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc =
        ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, rc, errors.toString());
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        j.putNextEntry(new JarEntry(out.relativize(f).toString()));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
      j.putNextEntry(new JarEntry("META-INF/services/org.hosthog.api.spi.NotifierProvider"));
      j.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }

  @Test
  void aClaimReachesTheChatServerAndTheReadmePlugin() throws Exception {
    Result r = hh.as("hhpalice", "claim", "gpu:3", "--for", "1h", "-m", "to the chat");
    assertEquals(0, r.exit(), r + hh.log());
    String body = received.poll(15, TimeUnit.SECONDS);
    assertTrue(body != null, "the webhook posted: " + hh.log());
    assertTrue(
        body.startsWith("{\"text\":\"[")
            && body.contains("hhpalice claimed gpu:3")
            && body.contains("to the chat"),
        body);
    for (int i = 0;
        i < 50 && (!Files.exists(eventLog) || !Files.readString(eventLog).contains("Created"));
        i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.readString(eventLog).contains("Created "), "the example plugin got the event");
    assertFalse(hh.log().contains(SECRET), "the webhook's secret stays out of the log");
  }

  @Test
  void pluginsListsFolderProvidersWithTheirJarAndTheBrokenOnes() throws Exception {
    Result r = hh.as("hhpalice", "plugins");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(
        r.out()
            .matches(
                "(?s).*notifier\\s+webhook\\s+yes.*"
                    + Pattern.quote(plugins.resolve("notify-webhook.jar").toString())
                    + ".*"),
        r.out());
    assertTrue(r.out().matches("(?s).*notifier\\s+eventlog\\s+yes.*"), r.out());
    assertTrue(
        r.out().matches("(?s).*notifier\\s+motd\\s+no.*"), "built-ins are listed too: " + r.out());
    assertTrue(r.out().contains("Not loaded:"), r.out());
    assertTrue(r.out().contains(plugins.resolve("garbage.jar") + ": not a readable jar"), r.out());
    assertTrue(
        r.out().contains("throwing.jar: its notifier provider bad.Throwing failed")
            && r.out().contains("boom"),
        r.out());
  }

  @Test
  void aNamedPluginThatCannotLoadStopsTheDaemonSayingWhy() throws Exception {
    try (DaemonFixture bad =
        new DaemonFixture(
            "[plugins]\ndir = [\"" + plugins + "\"]\n[notify]\nenabled = [\"throwing\"]\n")) {
      Result r = startFails(bad);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(
          r.err().contains("no notifier provider with id 'throwing'")
              && r.err().contains("throwing.jar")
              && r.err().contains("boom"),
          r.err());
    }
  }

  @Test
  void aPluginFolderOthersMayWriteStopsTheRootDaemonSayingWhatFixesIt() throws Exception {
    Path open = Files.createTempDirectory(Path.of("/tmp"), "hh-open-plugins-");
    Files.copy(webhookJar(), open.resolve("notify-webhook.jar"));
    Files.setPosixFilePermissions(
        open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    try (DaemonFixture bad = new DaemonFixture("[plugins]\ndir = [\"" + open + "\"]\n")) {
      Result r = startFails(bad);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(
          r.err().contains(open.toString()) && r.err().contains("chmod"),
          "names the folder and the chmod that fixes it: " + r.err());
      assertFalse(Files.exists(bad.socket), "it never served");
    }
  }

  /** Starts {@code bad}'s daemon, expecting it to refuse: what it said and its exit code. */
  private static Result startFails(DaemonFixture bad) throws Exception {
    return DaemonFixture.exec(
        List.of(DaemonFixture.BIN.toString(), "daemon", "--config", bad.config.toString()), null);
  }
}
