package org.hosthog.sync.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.config.TomlSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon bounds what it reads from a state server (a hostile or broken one): an answer over 16
 * MiB and a stream line over 1 MiB fail instead of filling the heap. The "server" is a real HTTP
 * endpoint on loopback that sends such answers.
 */
class ServerLinkTest {
  @TempDir Path dir;

  /** Answers every request with {@code head} and then {@code size} bytes of 'x'. */
  private static ServerSocket server(String head, int size) throws Exception {
    ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                  c.getInputStream().read(new byte[8192]);
                  OutputStream out = c.getOutputStream();
                  out.write(head.getBytes(StandardCharsets.US_ASCII));
                  byte[] chunk = "x".repeat(65536).getBytes(StandardCharsets.US_ASCII);
                  for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                  }
                } catch (Exception e) {
                  // the client stopped reading: that is the point
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return s;
  }

  private ServerLink link(int port) throws Exception {
    Path token = Files.writeString(dir.resolve("t"), "token\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    Path toml =
        Files.writeString(
            dir.resolve("h.toml"),
            "[sync.fleet]\nurl = \"http://127.0.0.1:"
                + port
                + "/\"\ntoken_file = \""
                + token
                + "\"\n");
    return new ServerLink(
        FleetSettings.read(
            TomlSettings.file(toml, false).table("sync", "sync").table("fleet", "sync.fleet")));
  }

  @Test
  void anAnswerOverSixteenMebibytesIsRefusedNotRead() throws Exception {
    int size = ServerLink.MAX_BODY + 65536;
    try (ServerSocket s = server("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n", size)) {
      ServerLink.Failure f =
          assertThrows(ServerLink.Failure.class, () -> link(s.getLocalPort()).get("hosts"));
      assertTrue(f.getMessage().contains("more than 16 MiB"), f.getMessage());
    }
  }

  @Test
  void aStreamLineOverOneMebibyteEndsTheStream() throws Exception {
    try (ServerSocket s =
        server(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: request\ndata: ",
            ServerLink.MAX_LINE + 65536)) {
      List<String> got = new ArrayList<>();
      ServerLink.Failure f =
          assertThrows(
              ServerLink.Failure.class,
              () -> link(s.getLocalPort()).stream("link/requests", got::add));
      assertTrue(f.getMessage().contains("over 1 MiB"), f.getMessage());
      assertEquals(List.of(), got);
    }
  }
}
