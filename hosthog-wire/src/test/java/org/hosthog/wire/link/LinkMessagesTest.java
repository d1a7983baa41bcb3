package org.hosthog.wire.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;
import org.hosthog.api.Resource;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.WireException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The host-server link's messages: each survives its JSON, and garbage is refused by name. */
class LinkMessagesTest {
  private static final Instant START = Instant.parse("2026-12-02T09:05:00Z");
  private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-02T10:00:00+01:00");

  static UsageBucket bucket() {
    return new UsageBucket(
        START,
        Duration.ofMinutes(4),
        4,
        1.25,
        Set.of("bob", "alice"),
        List.of(
            new UsageBucket.GpuTime(0, "alice", 240_000, 0, 60_000),
            new UsageBucket.GpuTime(1, "bob", 0, 240_000, 0),
            new UsageBucket.GpuTime(2, "?", 120_000, 0, 120_000)));
  }

  static ReservationView reservation() {
    return new ReservationView(
        3,
        UUID.fromString("6f1c1a52-9c1e-4c8e-8d5c-2b8e4f6f0a11"),
        "alpha",
        "alice",
        List.of(Claim.of(Resource.parse("gpu:0"))),
        T,
        T.plusHours(2),
        "train",
        "active",
        T,
        T,
        "alice",
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void aBucketSurvivesItsJsonWithTheFieldNamesBothSidesUse() {
    String json = bucket().json();
    assertEquals(bucket(), UsageBucket.parse(json));
    for (String field :
        List.of("\"used_ms\"", "\"idle_ms\"", "\"unclaimed_ms\"", "\"sampled_ms\"", "\"gpus\"")) {
      assertTrue(json.contains(field), field + " in " + json);
    }
  }

  @Test
  void aPushSurvivesItsJson() {
    Push push =
        new Push(
            Optional.of(new Inventory(8, List.of(new Gpu(0, "A100", "GPU-0", 40960)), List.of())),
            Optional.of(Set.of("carol")),
            List.of(new PushItem(2, reservation())),
            List.of(bucket()),
            Optional.of(
                List.of(
                    new org.hosthog.api.HostActivity.GpuLoad(0, 87, 30120, 40960),
                    new org.hosthog.api.HostActivity.GpuLoad(1, 0, 0, 40960))));
    assertEquals(push, Push.parse(push.json()));
    Push heartbeat = new Push(Optional.empty(), Optional.empty(), List.of(), List.of());
    assertEquals(heartbeat, Push.parse(heartbeat.json()));
  }

  @Test
  void anAnswerAndAWebRequestSurviveTheirJson() {
    PushAnswer a =
        new PushAnswer(
            List.of(reservation().uuid()),
            List.of(),
            List.of(UUID.fromString("00000000-0000-0000-0000-000000000001")),
            List.of(START),
            List.of(new PushAnswer.Refused(START.minusSeconds(300), "older than 14 days")));
    assertEquals(a, PushAnswer.parse(a.json()));
    assertEquals(
        new PushAnswer(List.of(), List.of(), List.of(), List.of(), List.of()),
        PushAnswer.parse("{\"stored\": [], \"stale\": []}"),
        "an older server says nothing of usage");
    WebRequest r = new WebRequest(7, "bob", true, false, "{\"v\":1,\"op\":\"release\"}");
    assertEquals(r, WebRequest.parse(r.json()));
    assertTrue(
        WebRequest.parse("{\"id\": 1, \"user\": \"bob\", \"line\": \"{}\"}").vouchedHere(),
        "an older server did not say: its host's groups counted");
  }

  static List<String[]> garbage() {
    String bucket = "{\"start\": \"2026-12-02T09:05:00Z\", \"sampled_ms\": ";
    return List.of(
        new String[] {"[]", "a push must be a JSON object"},
        new String[] {"{\"reservations\": {}}", "'reservations' must be an array"},
        new String[] {
          "{\"admins\": [\"a b\"]}", "'admins' holds something that is not a user name"
        },
        new String[] {
          "{\"inventory\": {\"cpus\": \"x\"}}", "'inventory' is not a hosthog inventory"
        },
        new String[] {
          "{\"reservations\": [{\"version\": 0, \"reservation\": {}}]}",
          "'version' must be a whole number from 1"
        },
        new String[] {"{\"reservations\": [{\"version\": 1}]}", "each of 'reservations' is"},
        new String[] {
          "{\"usage\": [{\"start\": \"2026-12-02T09:06:00Z\", \"sampled_ms\": 0}]}",
          "on a 5-minute boundary"
        },
        new String[] {
          "{\"usage\": [" + bucket + "999999}]}",
          "'sampled_ms' must be a whole number from 0 to 300000"
        },
        new String[] {
          "{\"usage\": ["
              + bucket
              + "0, \"gpus\": [{\"gpu\": 0, \"user\": \"a\", \"used_ms\": 1, \"idle_ms\": 0,"
              + " \"unclaimed_ms\": 2}]}]}",
          "'unclaimed_ms' is a part of 'used_ms'"
        },
        new String[] {
          "{\"usage\": ["
              + bucket
              + "0, \"gpus\": [{\"gpu\": 0, \"user\": \"a\", \"used_ms\": 1, \"idle_ms\": 0,"
              + " \"unclaimed_ms\": 0, \"busy_ms\": 2}]}]}",
          "'busy_ms' is a part of 'used_ms'"
        },
        new String[] {
          "{\"usage\": ["
              + bucket
              + "0, \"gpus\": [{\"gpu\": 0, \"user\": \"a\", \"used_ms\": 1, \"idle_ms\": 0,"
              + " \"unclaimed_ms\": 0, \"busy_ms\": -1}]}]}",
          "'busy_ms' must be a whole number from 0"
        },
        new String[] {"{\"usage\": [" + bucket + "0}, " + bucket + "0}]}", "two buckets start at"},
        new String[] {"{\"gpu_loads\": {}}", "'gpu_loads' must be an array"},
        new String[] {
          "{\"gpu_loads\": [{\"gpu\": 0, \"utilization_percent\": 101, \"memory_used_mib\": 0,"
              + " \"memory_total_mib\": 1}]}",
          "'utilization_percent' must be a whole number from 0 to 100"
        },
        new String[] {
          "{\"gpu_loads\": [{\"gpu\": 0, \"utilization_percent\": 1, \"memory_used_mib\": 0,"
              + " \"memory_total_mib\": 1}, {\"gpu\": 0, \"utilization_percent\": 1,"
              + " \"memory_used_mib\": 0, \"memory_total_mib\": 1}]}",
          "GPU 0 appears twice"
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void garbageIsRefusedNamingWhatIsWrong(String json, String fragment) {
    WireException e = assertThrows(WireException.class, () -> Push.parse(json));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
