package org.hosthog.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hosthog.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one PostgreSQL behave as one: what reaches A is streamed by B, a request
 * made on B reaches a host linked to A, and a session made on A holds on B.
 */
class TwoInstancesTest extends ApiTestBase {
  StateServer other;
  URI otherBase;

  @Override
  ServerConfig freshConfig() throws Exception {
    return Configs.postgres(Postgres.shared().newDatabase(), Path.of("/tmp"));
  }

  @AfterEach
  void stopOther() {
    if (other != null) {
      other.close();
    }
  }

  private void startOther() {
    other = StateServer.start(config, clock);
    otherBase = other.url();
  }

  @Test
  void aPushToOneInstanceIsStreamedByTheOtherWithinASecond() throws Exception {
    startOther();
    Map<String, String> alice = login("alice"); // a session made on A ...
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(otherBase.resolve("api/v1/events")) // ... holds on B
                .header("Cookie", "hosthog_session=" + alice.get("hosthog_session"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    Thread t = new Thread(() -> r.body().filter(l -> l.startsWith("data:")).forEach(events::add));
    t.setDaemon(true);
    t.start();
    UUID u = UUID.randomUUID();
    long sent = System.nanoTime();
    asHost(
        alphaToken, "POST", "api/v1/link/push", push(1, reservation("alpha", 1, u, "alice", "x")));
    String event = events.poll(1, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    assertNotNull(event, "B streamed nothing within a second");
    assertTrue(event.contains(u.toString()), event);
    System.out.println("push on A -> event on B: " + millis + " ms");
    t.interrupt();
  }

  @Test
  void aRequestMadeOnOneInstanceReachesAHostLinkedToTheOther() throws Exception {
    startOther();
    Map<String, String> bob = login("bob");
    asHost(betaToken, "POST", "api/v1/link/push", "{}");
    BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    Thread host = stream(betaToken, requests); // beta's link is on A
    URI a = base;
    base = otherBase; // bob's request goes to B
    var pending = answerLater(bob, "DELETE", "api/v1/hosts/beta/reservations/9", null);
    String request = requests.poll(5, TimeUnit.SECONDS);
    assertNotNull(request, "the request never reached beta's stream on the other instance");
    long id = JsonParser.parseString(request).getAsJsonObject().get("id").getAsLong();
    base = a;
    String released =
        "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"not_found\",\"message\":\"there is no reservation 9\"}}";
    assertEquals(
        200, asHost(betaToken, "POST", "api/v1/link/answers/" + id, released).statusCode());
    HttpResponse<String> answer = pending.get(5, TimeUnit.SECONDS);
    assertEquals(404, answer.statusCode(), answer.body());
    JsonObject e = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("there is no reservation 9", e.get("message").getAsString());
    host.interrupt();
  }
}
