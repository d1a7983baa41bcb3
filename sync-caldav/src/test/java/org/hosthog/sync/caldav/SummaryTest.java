package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.Claim;
import org.hosthog.api.Gpu;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryTest {
  static final Inventory INVENTORY =
      new Inventory(
          16,
          java.util.stream.IntStream.range(0, 4)
              .mapToObj(i -> new Gpu(i, "GPU-" + i, "A100", 40960))
              .toList(),
          List.of("fpga0", "scratch"));

  /** title | host mark | owner | claims (resource/mode ...) | message */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gpu:0-1 training                         |         |       | gpu:0-1/exclusive              | training",
        "[gpu-box] alice: gpu:0-3 — deadline      | gpu-box | alice | gpu:0-3/exclusive              | deadline",
        "host exclusive reboot for kernel         |         |       | host/exclusive                 | reboot for kernel",
        "host                                     |         |       | host/shared                    | ''",
        "gpu:0 shared gpu:2, fpga0 - long: run    |         |       | gpu:0/shared gpu:2/exclusive fpga0/exclusive | long: run",
        "bob: cpu:0-7 (shared) nightly build      |         | bob   | cpu:0-7/shared                 | nightly build",
        "GPU:1 Eval                               |         |       | gpu:1/exclusive                | Eval",
        "[other-box] gpu:1 x                      | other-box |     | gpu:1/exclusive                | x",
      })
  void titlesPeopleTypeAreUnderstood(
      String title, String host, String owner, String claims, String message) {
    Summary s = Summary.parse(title, INVENTORY);
    assertEquals(Optional.ofNullable(host), s.host());
    assertEquals(Optional.ofNullable(owner), s.owner());
    assertEquals(
        claims,
        String.join(
            " ",
            s.claims().stream().map(c -> c.resource().text() + "/" + c.mode().text()).toList()));
    assertEquals(message, s.message());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "coffee with the team     | names no resource",
        "gpu:7 training           | 'gpu:7' is not a resource",
        "gpu:x                    | 'gpu:x' is not a resource",
        "''                       | names no resource",
        "alice:                   | names no resource",
        "[gpu-box]                | names no resource",
      })
  void titlesWithoutAResourceOfThisHostSayWhy(String title, String reason) {
    Unreadable u = assertThrows(Unreadable.class, () -> Summary.parse(title, INVENTORY));
    assertTrue(
        u.getMessage().contains(reason) && u.getMessage().contains("gpu:0-3"), u.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gpu:0-3/exclusive         | deadline | [gpu-box] alice: gpu:0-3 — deadline",
        "host/exclusive            | reboot   | [gpu-box] alice: host exclusive — reboot",
        "host/shared gpu:1/shared  | ''       | [gpu-box] alice: host gpu:1 shared",
      })
  void hosthogsTitlesReadBackAsTheSameReservation(String claims, String message, String title) {
    List<Claim> cs =
        java.util.Arrays.stream(claims.split(" "))
            .map(c -> new Claim(Resource.parse(c.split("/")[0]), Mode.parse(c.split("/")[1])))
            .toList();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    Reservation r =
        new Reservation(
            7,
            UUID.randomUUID(),
            "gpu-box",
            "alice",
            cs,
            t,
            t.plusSeconds(3600),
            message,
            t,
            t,
            "alice",
            Optional.empty());
    assertEquals(title, Summary.render(r));
    Summary back = Summary.parse(title, INVENTORY);
    assertEquals(cs, back.claims());
    assertEquals(message, back.message());
    assertEquals(Optional.of("gpu-box"), Summary.hostMark(title));
  }
}
