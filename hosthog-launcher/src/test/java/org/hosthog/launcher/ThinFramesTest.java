package org.hosthog.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.wire.CliOutput;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Request;
import org.hosthog.wire.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The thin client's lines against the wire codec, which defines the protocol. */
class ThinFramesTest {
  private final Codec codec = new Codec();

  @Test
  void theRequestLineIsTheCodecsCliRequest() {
    List<String> argv =
        List.of(
            "claim",
            "gpu:0",
            "-m",
            "quotes \" back\\slash \t tab \n newline \u0001 \u007f é 日本 😀",
            "--for",
            "1h");
    Request<?> decoded = codec.decodeRequest(ThinFrames.request(argv, Optional.of(120)));
    assertEquals(new Request.Cli(argv, Optional.of(120)), decoded);
    assertEquals(
        new Request.Cli(List.of("list"), Optional.empty()),
        codec.decodeRequest(ThinFrames.request(List.of("list"), Optional.empty())));
  }

  @Test
  void theCodecsAnswerIsReadBackExactly() {
    CliOutput printed =
        new CliOutput("ID  OWNER\n1   ren \"é\" \\ 😀\n", "hosthog: claimed\u0007\n", 1);
    assertEquals(Optional.of(printed), ThinFrames.answer(codec.encodeOk(printed)));
    assertEquals(
        Optional.of(new CliOutput("", "", 0)),
        ThinFrames.answer(codec.encodeOk(new CliOutput("", "", 0))));
  }

  @Test
  void aRefusalMeansTheDaemonDidNotRunIt() {
    String refused =
        codec.encodeFailure(new Response.Failure<>(ErrorCode.UNKNOWN_OP, "unknown operation"));
    assertEquals(Optional.empty(), ThinFrames.answer(refused));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "[1,2]",
        "{\"v\":1,\"ok\":true}",
        "{\"v\":1,\"ok\":true,\"result\":{\"out\":\"x\",\"err\":\"\"}}",
        "{\"v\":1,\"ok\":true,\"result\":{\"out\":1,\"err\":\"\",\"exit\":0}}",
        "{\"v\":1,\"ok\":true,\"result\":{\"out\":\"x\",\"err\":\"\",\"exit\":0}} trailing",
        "{\"v\":1,\"ok\":true,\"result\":{\"out\":\"\\q\",\"err\":\"\",\"exit\":0}}",
        "{\"v\":1,\"ok\":true,\"result\":{\"out\":\"\\u00\"}}",
        "{\"v\":1,\"ok\":true,\"result\":{\"out\":\"cut",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"
      })
  void anythingElseIsNotAnAnswer(String line) {
    assertThrows(IllegalArgumentException.class, () -> ThinFrames.answer(line));
  }

  @Test
  void everyCutOfAValidAnswerIsRefusedNotMisread() {
    String line = codec.encodeOk(new CliOutput("a\nb \"c\"\n", "d", 2));
    for (int i = 0; i < line.length(); i++) {
      String cut = line.substring(0, i);
      assertThrows(IllegalArgumentException.class, () -> ThinFrames.answer(cut), cut);
    }
  }

  @Test
  void onlyCommandsThatJustAskTheDaemonRunThere() {
    assertTrue(ThinFrames.runsInDaemon(List.of("list")));
    assertTrue(ThinFrames.runsInDaemon(List.of("claim", "gpu:0", "--for", "1h", "-m", "x")));
    assertTrue(ThinFrames.runsInDaemon(List.of("status", "--json")));
    assertTrue(ThinFrames.runsInDaemon(List.of("gpus", "--json")));
    for (List<String> local :
        List.of(
            List.<String>of(),
            List.of("run", "--", "true"),
            List.of("daemon"),
            List.of("store", "export", "/tmp/x"),
            List.of("web"),
            List.of("fleet"),
            List.of("reboot-check"),
            List.of("help"),
            List.of("--help"),
            List.of("list", "--help"),
            List.of("list", "-h"),
            List.of("--version"),
            List.of("list", "@/etc/shadow"),
            List.of("claim", "-m", "@home", "--for", "1h"),
            List.of("list", "--config", "/etc/shadow"),
            List.of("list", "--config=/etc/shadow"),
            List.of("list", "--socket", "/tmp/other.sock"),
            List.of("gpus", "--watch"), // refreshes the caller's own terminal
            List.of("lisst"))) {
      assertFalse(ThinFrames.runsInDaemon(local), local.toString());
    }
  }

  @Test
  void columnsComeFromTwoToFourDigits() {
    assertEquals(Optional.of(120), ThinFrames.columns(Map.of("COLUMNS", "120")));
    assertEquals(Optional.empty(), ThinFrames.columns(Map.of()));
    assertEquals(Optional.empty(), ThinFrames.columns(Map.of("COLUMNS", "wide")));
    assertEquals(Optional.empty(), ThinFrames.columns(Map.of("COLUMNS", "9")));
    assertEquals(Optional.empty(), ThinFrames.columns(Map.of("COLUMNS", "12345")));
    assertEquals(Optional.empty(), ThinFrames.columns(Map.of("COLUMNS", "-80")));
  }
}
