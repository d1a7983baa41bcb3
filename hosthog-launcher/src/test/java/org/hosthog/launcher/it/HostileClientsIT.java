package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hosthog.wire.HosthogClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Garbage, oversized and idle clients get errors or a closed connection; everyone else is served.
 */
class HostileClientsIT {
  static DaemonFixture hh;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "run as root (CI does)");
    RealUsers.ensure("hhmallory");
    hh = new DaemonFixture().start();
  }

  @AfterAll
  static void stop() {
    if (hh != null) {
      hh.close();
    }
  }

  private static JsonObject send(String line) {
    try (HosthogClient c = HosthogClient.connect(List.of(hh.socket), Duration.ofSeconds(10))) {
      return JsonParser.parseString(c.send(line)).getAsJsonObject();
    }
  }

  private static void assertServed() {
    JsonObject hello = send("{\"v\":1,\"op\":\"hello\"}");
    assertTrue(hello.get("ok").getAsBoolean(), "the daemon still serves: " + hello);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          this is not json|bad_request|not valid JSON
          [1,2,3]|bad_request|a request is a JSON object
          "just a string"|bad_request|a request is a JSON object
          {}|unsupported_version|this daemon speaks version 1
          {"v":2,"op":"list"}|unsupported_version|version 2 is not supported
          {"v":"1","op":"list"}|unsupported_version|not supported
          {"v":1}|bad_request|field 'op' is missing
          {"v":1,"op":42}|bad_request|field 'op' must be a string
          {"v":1,"op":"rm -rf /"}|unknown_op|unknown operation 'rm -rf /'
          {"v":1,"op":"list","args":[]}|bad_request|field 'args' must be an object
          {"v":1,"op":"show","args":{"id":"abc"}}|bad_input|is not a reservation id
          {"v":1,"op":"show","args":{"id":-4}}|bad_input|is not a reservation id
          {"v":1,"op":"show","args":{"id":1e300}}|bad_input|is not a reservation id
          {"v":1,"op":"show","args":{"id":999999}}|not_found|there is no reservation 999999
          {"v":1,"op":"list","args":{"all":"yes"}}|bad_request|field 'all' must be true or false
          {"v":1,"op":"claim","args":{"resources":"gpu:0","for":"1h","message":"m"}}|bad_request|field 'resources' must be an array of strings
          {"v":1,"op":"claim","args":{"resources":[7],"for":"1h","message":"m"}}|bad_request|field 'resources' must be an array of strings
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"message":"m"}}|bad_input|a claim needs an end
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"for":"1h","until":"fri","message":"m"}}|bad_input|not both
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"for":"soon","message":"m"}}|bad_input|could not understand the duration 'soon'
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"until":"someday","message":"m"}}|bad_input|could not understand the time 'someday'
          {"v":1,"op":"claim","args":{"resources":["gpu:9"],"for":"1h","message":"m"}}|invalid|claimable here
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"for":"1h"}}|invalid|say why in a message
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"for":"1h","message":"m","mode":"greedy"}}|bad_input|unknown mode 'greedy'
          {"v":1,"op":"extend","args":{"id":1}}|bad_input|extend needs --by
          {"v":1,"op":"edit","args":{"id":999999,"message":"x"}}|not_found|no reservation 999999
          {"v":1,"op":"sync"}|invalid|no calendar sync is enabled
          {"v":1,"op":"cli"}|bad_request|field 'argv' is missing
          {"v":1,"op":"cli","args":{"argv":"list"}}|bad_request|field 'argv' must be an array of strings
          {"v":1,"op":"cli","args":{"argv":[]}}|bad_request|the daemon runs only these commands
          {"v":1,"op":"cli","args":{"argv":["store","export","/tmp/stolen"]}}|bad_request|the daemon runs only these commands
          {"v":1,"op":"cli","args":{"argv":["run","--","id"]}}|bad_request|the daemon runs only these commands
          {"v":1,"op":"cli","args":{"argv":["list","@/etc/shadow"]}}|bad_request|without --config, --socket, @FILE
          {"v":1,"op":"cli","args":{"argv":["list","--config","/etc/shadow"]}}|bad_request|without --config
          {"v":1,"op":"cli","args":{"argv":["list"],"columns":5}}|bad_request|field 'columns' must be from 10 to 9999
          {"v":1,"op":"cli","args":{"argv":["list"],"columns":"wide"}}|bad_request|field 'columns' must be a whole number
          [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]|bad_request|a request is a JSON object
          """)
  void badRequestsGetAClearError(String line, String code, String fragment) {
    JsonObject r = send(line);
    assertEquals(false, r.get("ok").getAsBoolean(), r.toString());
    assertEquals(code, r.getAsJsonObject("error").get("code").getAsString(), r.toString());
    assertTrue(
        r.getAsJsonObject("error").get("message").getAsString().contains(fragment), r.toString());
  }

  @Test
  void deeplyNestedJsonIsRefusedWithoutHarm() {
    JsonObject r = send("[".repeat(100_00) + "]".repeat(100_00));
    assertEquals(false, r.get("ok").getAsBoolean(), r.toString());
    assertServed();
  }

  @Test
  void anOversizedLineIsAnsweredAndTheConnectionClosed() throws Exception {
    byte[] huge =
        ("{\"v\":1,\"op\":\"list\",\"args\":{\"user\":\"" + "x".repeat(200_000) + "\"}}\n")
            .getBytes(StandardCharsets.UTF_8);
    String answer = hh.raw("hhmallory", huge, 5);
    assertTrue(answer.contains("\"code\":\"too_large\""), answer);
    assertEquals(1, answer.lines().count(), "one answer, then the daemon closed: " + answer);
    assertServed();
  }

  @Test
  void binaryGarbageIsAnsweredAndOtherClientsAreUnaffected() throws Exception {
    byte[] noise = new byte[20_000];
    new Random(42).nextBytes(noise);
    String answer = hh.raw("hhmallory", noise, 1_000);
    assertTrue(answer.contains("\"ok\":false") || answer.isEmpty(), answer);
    assertServed();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    String answer =
        hh.raw(
            "hhmallory",
            "{\"v\":1,\"op\":\"hello\"}\n{\"v\":1,\"op\":\"resources\"}\n\n{\"v\":1,\"op\":\"nope\"}\n"
                .getBytes(),
            3);
    List<String> lines = answer.lines().toList();
    assertEquals(3, lines.size(), answer);
    assertTrue(lines.get(0).contains("\"user\":\"hhmallory\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"claimable\""), lines.get(1));
    assertTrue(lines.get(2).contains("unknown_op"), lines.get(2));
  }

  @Test
  void oneUserCannotTakeTheDaemonsConnectionsFromEveryoneElse() throws Exception {
    int cap = org.hosthog.core.socket.SocketServer.Limits.DEFAULT.maxConnectionsPerUser();
    DaemonFixture.Result hog =
        DaemonFixture.exec(
            List.of(
                "runuser",
                "-u",
                "hhmallory",
                "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                DaemonFixture.TEST_CLASSES.toString(),
                ConnectionHog.class.getName(),
                hh.socket.toString(),
                Integer.toString(cap)),
            null);
    assertTrue(
        hog.out().contains("\"busy\"") && hog.out().contains("hhmallory has " + cap),
        "the connection beyond the cap: " + hog);
    assertServed(); // and the daemon serves everyone else
  }

  @Test
  void manyIdleAndHalfWrittenConnectionsDoNotStopService() throws Exception {
    List<SocketChannel> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(hh.socket));
        if (i % 2 == 0) {
          ch.write(
              ByteBuffer.wrap(
                  "{\"v\":1,\"op\":\"li".getBytes(StandardCharsets.UTF_8))); // never finished
        }
        idle.add(ch);
      }
      long t0 = System.nanoTime();
      assertServed();
      assertTrue(
          System.nanoTime() - t0 < 5_000_000_000L, "served promptly despite 300 idle connections");
    } finally {
      for (SocketChannel ch : idle) {
        ch.close();
      }
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestIsCutOff() throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(hh.socket));
      ch.write(ByteBuffer.wrap("{\"v\":1,".getBytes(StandardCharsets.UTF_8)));
      ByteBuffer buf = ByteBuffer.allocate(4096);
      long t0 = System.nanoTime();
      StringBuilder got = new StringBuilder();
      int n;
      while ((n = ch.read(buf)) >= 0) { // blocks until the daemon gives up on us
        got.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
        buf.clear();
      }
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertTrue(got.toString().contains("\"code\":\"timeout\""), got.toString());
      assertTrue(
          seconds >= 8 && seconds < 30, "cut off after the 10 s request limit, took " + seconds);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertServed();
  }
}
