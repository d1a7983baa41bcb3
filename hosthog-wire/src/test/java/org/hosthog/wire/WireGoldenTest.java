package org.hosthog.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol stays byte-compatible: every request and answer of {@link CodecTest} encodes to the
 * very line recorded in {@code wire-golden.txt} (recorded from the codec of release 0.1, before the
 * op table). An older client reads a newer daemon's lines and the reverse only while this holds.
 *
 * <p>To record a deliberate protocol change, run with {@code -Dhosthog.recordGolden=true} and say
 * so in the change: a changed line is a changed contract.
 */
class WireGoldenTest {
  private static final Codec CODEC = new Codec();
  private static final Path GOLDEN = Path.of("src/test/resources/wire-golden.txt");

  static List<String> lines() {
    List<String> lines = new ArrayList<>();
    CodecTest.requests().forEach(r -> lines.add("request " + CODEC.encode(r)));
    CodecTest.results()
        .forEach(
            pair -> {
              lines.add("answer " + CODEC.encodeOk(pair[1]));
              lines.add("pretty " + CODEC.pretty(pair[1]).replace("\n", "\\n"));
            });
    lines.add(
        "failure "
            + CODEC.encodeFailure(
                new Response.Failure<>(
                    ErrorCode.CONFLICT,
                    "conflicts with reservation 1 of alice",
                    List.of(CodecTest.reservation(1, false)))));
    lines.add("compact " + CODEC.compact(CodecTest.reservation(2, true)));
    return lines;
  }

  @Test
  void everyLineIsTheOneRecorded() throws IOException {
    List<String> now = lines();
    if (Boolean.getBoolean("hosthog.recordGolden")) {
      Files.write(GOLDEN, now, StandardCharsets.UTF_8);
    }
    List<String> recorded = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    assertEquals(recorded.size(), now.size(), "number of recorded lines");
    for (int i = 0; i < now.size(); i++) {
      assertEquals(recorded.get(i), now.get(i), "line " + (i + 1) + " of " + GOLDEN);
    }
  }
}
