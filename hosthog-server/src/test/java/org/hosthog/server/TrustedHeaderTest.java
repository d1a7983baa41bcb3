package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hosthog.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behind a single-sign-on proxy: the header names the user; changes still need the CSRF token. */
class TrustedHeaderTest extends ApiTestBase {
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
        List.of(),
        Optional.of("X-Remote-User"),
        ServerConfig.LOOPBACK,
        ServerConfig.DEFAULT_MAX_EVENT_STREAMS,
        Duration.ofHours(1),
        Configs.USAGE);
  }

  @Test
  void theProxysHeaderLogsInAndStartsASessionWithItsCsrfToken() throws Exception {
    HttpResponse<String> me = call("GET", "api/v1/me", null, "X-Remote-User", "alice");
    assertEquals(200, me.statusCode(), me.body());
    assertTrue(me.body().contains("\"user\":\"alice\""), me.body());
    List<String> cookies = me.headers().allValues("Set-Cookie");
    assertTrue(cookies.stream().anyMatch(c -> c.startsWith("hosthog_csrf=")), cookies.toString());
    HttpResponse<String> change =
        call("DELETE", "api/v1/hosts/alpha/reservations/1", null, "X-Remote-User", "alice");
    assertEquals(403, change.statusCode(), "no CSRF token, no change: " + change.body());
  }

  @Test
  void aHeaderThatIsNotAUserNameIsRefusedSayingWhy() throws Exception {
    for (String user : List.of("a b", "root", "1000")) {
      HttpResponse<String> r = call("GET", "api/v1/me", null, "X-Remote-User", user);
      assertEquals(400, r.statusCode(), user + ": " + r.body());
      assertTrue(r.body().contains("X-Remote-User"), r.body());
    }
    assertEquals(401, call("GET", "api/v1/me", null).statusCode());
  }
}
