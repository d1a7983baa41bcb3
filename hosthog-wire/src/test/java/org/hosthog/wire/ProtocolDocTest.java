package org.hosthog.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/protocol.md} is the protocol's contract: every op and error code has its place. */
class ProtocolDocTest {
  static String doc() throws IOException {
    return Files.readString(Path.of("../docs/protocol.md"), StandardCharsets.UTF_8);
  }

  @Test
  void everyOpOfTheTableHasItsSection() throws IOException {
    String doc = doc();
    for (Op<?, ?> op : Ops.all()) {
      assertTrue(
          doc.contains("\n### `" + op.name() + "`\n"),
          "docs/protocol.md has no section '### `" + op.name() + "`'");
    }
  }

  @Test
  void everyErrorCodeIsExplained() throws IOException {
    String doc = doc();
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(
          doc.contains("| `" + code.wire() + "` |"),
          "docs/protocol.md has no row for error code " + code.wire());
    }
  }

  @Test
  void theTableHasNoOpTwiceAndEveryRequestTypeARow() {
    assertTrue(Ops.all().stream().map(Op::name).distinct().count() == Ops.all().size(), "op names");
    for (Class<?> type : Request.class.getPermittedSubclasses()) {
      assertTrue(
          Ops.all().stream().anyMatch(op -> op.type() == type),
          type.getSimpleName() + " has no row");
    }
  }
}
