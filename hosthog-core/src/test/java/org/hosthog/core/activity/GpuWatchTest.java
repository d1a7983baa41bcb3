package org.hosthog.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.api.Actor;
import org.hosthog.api.Claim;
import org.hosthog.api.ClaimRequest;
import org.hosthog.api.Gpu;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Inventory;
import org.hosthog.api.Outcome;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.core.Hosthog;
import org.hosthog.core.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle claims and unclaimed use over a real SQLite store, with the activity the test says. */
class GpuWatchTest {
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private final List<HostEvent> told = new ArrayList<>();
  private HostActivity activity = HostActivity.none();
  private Hosthog hosthog;
  private GpuWatch watch;

  @BeforeEach
  void open() {
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      gpus.add(new Gpu(i, "A100", "GPU-" + i, 40960));
    }
    hosthog =
        Hosthog.builder()
            .host("gpu-box")
            .stateDir(dir)
            .inventory(new Inventory(8, gpus, List.of()))
            .clock(clock)
            .zone(ZoneId.of("UTC"))
            .scheduler(false)
            .build();
    watch =
        new GpuWatch(hosthog.reservations(), () -> activity, Duration.ofHours(2), clock, told::add);
  }

  @AfterEach
  void close() {
    watch.close();
    hosthog.close();
  }

  private Reservation claim(String user, String resource, Duration span) {
    Outcome o =
        hosthog
            .reservations()
            .claim(
                Actor.of(user),
                new ClaimRequest(
                    List.of(Claim.of(Resource.parse(resource))),
                    clock.instant(),
                    clock.instant().plus(span),
                    "work",
                    false));
    return assertInstanceOf(Outcome.Granted.class, o).reservation();
  }

  private static HostActivity running(int gpu, long pid, String user) {
    return new HostActivity(
        List.of(), List.of(new HostActivity.GpuProcess(gpu, pid, user, "python", 1024)), List.of());
  }

  @Test
  void aClaimedGpuIsIdleOnceNoProcessRanOnItForIdleAfterAndItsOwnerIsToldOnce() {
    Reservation alices = claim("alice", "gpu:0", Duration.ofHours(5));
    clock.advance(Duration.ofMinutes(10));
    activity = running(0, 100, "alice");
    watch.sample();
    activity = HostActivity.none();
    clock.advance(Duration.ofMinutes(119)); // 1 h 59 min since the process was last seen
    watch.sample();
    assertEquals(List.of(), watch.idle());
    assertEquals(List.of(), told);
    clock.advance(Duration.ofMinutes(2));
    watch.sample();
    assertEquals(
        List.of(new GpuWatch.Idle(0, alices, T0.plus(Duration.ofMinutes(10)))), watch.idle());
    HostEvent.GpuIdle e = assertInstanceOf(HostEvent.GpuIdle.class, told.get(0));
    assertEquals(T0.plus(Duration.ofMinutes(10)), e.idleSince());
    clock.advance(Duration.ofMinutes(30));
    watch.sample();
    assertEquals(1, told.size(), "told once per reservation");
    activity = running(0, 101, "alice");
    watch.sample();
    assertEquals(List.of(), watch.idle(), "busy again");
  }

  @Test
  void aProcessOnAGpuNobodyClaimedIsToldOncePerProcessButNotRootsOrOnClaimedOnes() {
    claim("alice", "gpu:0", Duration.ofHours(5));
    activity =
        new HostActivity(
            List.of(),
            List.of(
                new HostActivity.GpuProcess(0, 200, "bob", "python a.py", 10),
                new HostActivity.GpuProcess(3, 201, "bob", "python b.py", 10),
                new HostActivity.GpuProcess(2, 202, "root", "Xorg", 10)),
            List.of());
    watch.sample();
    watch.sample();
    assertEquals(1, told.size(), told.toString());
    HostEvent.UnclaimedGpuUse e = assertInstanceOf(HostEvent.UnclaimedGpuUse.class, told.get(0));
    assertEquals(List.of(3, 201L, "bob"), List.of(e.gpu(), e.pid(), e.user()));
  }
}
