package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hosthog.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted user header from a peer that is not one of {@code trusted_proxies} is ignored: here
 * only 10.9.9.9 is trusted, so the test's own (loopback) requests are anybody's, with no session.
 */
class UntrustedProxyTest extends ApiTestBase {
  @TempDir Path dir;

  @Override
  ServerConfig freshConfig() {
    return new ServerConfig(
        "test",
        "127.0.0.1",
        0,
        URI.create("http://127.0.0.1/"),
        dir,
        "sqlite",
        Optional.empty(),
        List.of("alice"),
        Optional.of("X-Remote-User"),
        List.of("10.9.9.9"),
        ServerConfig.DEFAULT_MAX_EVENT_STREAMS,
        Duration.ofHours(1),
        Configs.USAGE);
  }

  @Test
  void aForgedHeaderFromAnUntrustedPeerIsNoLogin() throws Exception {
    assertEquals(401, call("GET", "api/v1/me", null, "X-Remote-User", "alice").statusCode());
    assertEquals(401, call("GET", "", null, "X-Remote-User", "alice").statusCode());
    assertEquals(
        401,
        call("GET", "api/v1/me", null, "X-Remote-User", "alice", "X-Forwarded-For", "10.9.9.9")
            .statusCode(),
        "who forwarded it is what the peer says, not the peer");
  }
}
