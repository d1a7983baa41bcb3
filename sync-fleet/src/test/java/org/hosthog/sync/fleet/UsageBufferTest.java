package org.hosthog.sync.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageBufferTest {
  @TempDir Path dir;

  static String bucket(int minute, long used) {
    return "{\"start\":\"2026-11-30T09:"
        + String.format("%02d", minute)
        + ":00Z\",\"gpus\":[{\"gpu\":0,\"user\":\"alice\",\"used_ms\":"
        + used
        + "}]}";
  }

  @Test
  void theOldestAreDroppedBeyondTheCapacityAndWhatWaitsSurvivesARestart() throws Exception {
    Path file = dir.resolve("state/usage-pending.jsonl");
    UsageBuffer b = UsageBuffer.load(file, 3);
    for (int m = 0; m < 25; m += 5) {
      b.put(bucket(m, 1));
    }
    assertEquals(List.of(bucket(10, 1), bucket(15, 1), bucket(20, 1)), b.oldest(10));
    assertEquals(List.of(bucket(10, 1)), b.oldest(1));
    UsageBuffer again = UsageBuffer.load(file, 3);
    assertEquals(b.snapshot(), again.snapshot());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void anAcknowledgementOfAnOlderVersionKeepsTheNewerOne() {
    UsageBuffer b = UsageBuffer.load(dir.resolve("p.jsonl"), 10);
    b.put(bucket(0, 60_000));
    String pushed = b.oldest(1).get(0);
    b.put(bucket(0, 120_000)); // the open bucket grew while the push was on its way
    b.acknowledge(Map.of("2026-11-30T09:00:00Z", pushed));
    assertEquals(List.of(bucket(0, 120_000)), b.oldest(5));
    b.acknowledge(Map.of("2026-11-30T09:00:00Z", bucket(0, 120_000)));
    assertEquals(0, b.size());
  }

  @Test
  void aDamagedFileLosesOnlyItsBadLines() throws Exception {
    Path file = dir.resolve("p.jsonl");
    Files.writeString(file, bucket(0, 1) + "\n{garbage\n\n" + bucket(5, 1) + "\n");
    assertEquals(List.of(bucket(0, 1), bucket(5, 1)), UsageBuffer.load(file, 10).oldest(10));
  }
}
