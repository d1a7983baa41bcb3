package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.Test;

/**
 * Another program embeds the core: a separate named module, compiled against the distribution's
 * jars and run on the module path, opens hosthog on a store and claims a GPU.
 */
class EmbeddingModulePathIT {

  @Test
  void aSeparateModuleClaimsAGpuThroughTheCore() throws Exception {
    Path dir = Files.createTempDirectory("hh-embed-");
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("org/example/launcher"));
    Files.writeString(
        src.resolve("module-info.java"),
        "module org.example.launcher {\n  requires org.hosthog.core;\n}\n");
    Files.writeString(
        src.resolve("org/example/launcher/Main.java"),
        """
        package org.example.launcher;

        import java.nio.file.Path;
        import java.time.Duration;
        import java.time.Instant;
        import java.util.List;
        import org.hosthog.api.Actor;
        import org.hosthog.api.Claim;
        import org.hosthog.api.ClaimRequest;
        import org.hosthog.api.Outcome;
        import org.hosthog.api.Resource;
        import org.hosthog.core.Hosthog;

        public final class Main {
          public static void main(String[] args) {
            try (Hosthog hosthog = Hosthog.builder().stateDir(Path.of(args[0])).gpus(2).scheduler(false).build()) {
              Instant now = Instant.now();
              ClaimRequest job = new ClaimRequest(List.of(Claim.of(Resource.parse("gpu:1"))), now, now.plus(Duration.ofHours(1)), "job", false);
              Outcome first = hosthog.reservations().claim(Actor.of("launcher"), job);
              Outcome second = hosthog.reservations().claim(Actor.of("other"), job);
              System.out.println(first.getClass().getSimpleName() + " " + second.getClass().getSimpleName());
            }
          }
        }
        """);
    Path lib = DaemonFixture.COPY.resolve("hosthog/lib");
    Path out = dir.resolve("out");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                errors,
                errors,
                "--module-path",
                lib.toString(),
                "-d",
                out.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("org/example/launcher/Main.java").toString());
    assertEquals(0, rc, errors.toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Result r =
        DaemonFixture.exec(
            List.of(
                java,
                "--module-path",
                lib + ":" + out,
                "--add-modules",
                "ALL-MODULE-PATH",
                "-m",
                "org.example.launcher/org.example.launcher.Main",
                dir.resolve("state").toString()),
            null);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Granted Conflict"), r.toString());
  }
}
