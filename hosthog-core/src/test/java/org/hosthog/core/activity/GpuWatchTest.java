package org.hosthog.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
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
    watch = new GpuWatch(hosthog.reservations(), Duration.ofHours(2), 5, clock, told::add);
  }

  @AfterEach
  void close() {
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

  /** A sample with nothing on any GPU, each at 0 %. */
  private GpuSampler.Sample nothing() {
    return sample(List.of(), 0);
  }

  /** A sample with {@code processes}, every GPU at {@code percent}. */
  private GpuSampler.Sample sample(List<HostActivity.GpuProcess> processes, int percent) {
    List<HostActivity.GpuLoad> loads = new ArrayList<>();
    for (int g = 0; g < 4; g++) {
      loads.add(new HostActivity.GpuLoad(g, percent, 1024, 40960));
    }
    return new GpuSampler.Sample(clock.instant(), loads, processes, "");
  }

  private GpuSampler.Sample running(int gpu, long pid, String user, int percent) {
    return sample(List.of(new HostActivity.GpuProcess(gpu, pid, user, "python", 1024)), percent);
  }

  @Test
  void aClaimedGpuIsIdleOnceNoProcessRanOnItForIdleAfterAndItsOwnerIsToldOnce() {
    Reservation alices = claim("alice", "gpu:0", Duration.ofHours(5));
    clock.advance(Duration.ofMinutes(10));
    watch.sample(running(0, 100, "alice", 90));
    clock.advance(Duration.ofMinutes(119)); // 1 h 59 min since the process was last seen
    watch.sample(nothing());
    assertEquals(List.of(), watch.idle());
    assertEquals(List.of(), told);
    clock.advance(Duration.ofMinutes(2));
    watch.sample(nothing());
    assertEquals(
        List.of(
            new HostActivity.IdleGpu(
                0, alices, T0.plus(Duration.ofMinutes(10)), OptionalInt.empty())),
        watch.idle());
    HostEvent.GpuIdle e = assertInstanceOf(HostEvent.GpuIdle.class, told.get(0));
    assertEquals(T0.plus(Duration.ofMinutes(10)), e.idleSince());
    assertEquals(OptionalInt.empty(), e.utilizationPercent(), "no process on it");
    clock.advance(Duration.ofMinutes(30));
    watch.sample(nothing());
    assertEquals(1, told.size(), "told once per reservation");
    watch.sample(running(0, 101, "alice", 60));
    assertEquals(List.of(), watch.idle(), "busy again");
  }

  @Test
  void aClaimedGpuWhoseProcessKeepsItBelowIdleBelowIsIdleAndSaysItsUtilisation() {
    Reservation bobs = claim("bob", "gpu:1", Duration.ofHours(5));
    clock.advance(Duration.ofMinutes(10));
    watch.sample(running(1, 200, "bob", 70)); // working
    clock.advance(Duration.ofMinutes(1));
    watch.sample(running(1, 200, "bob", 4)); // the notebook sits at 4 %, below 5
    clock.advance(Duration.ofMinutes(119));
    watch.sample(running(1, 200, "bob", 0));
    assertEquals(
        List.of(
            new HostActivity.IdleGpu(1, bobs, T0.plus(Duration.ofMinutes(10)), OptionalInt.of(0))),
        watch.idle(),
        "idle since the last sample at or above 5 %, though a process holds it");
    HostEvent.GpuIdle e = assertInstanceOf(HostEvent.GpuIdle.class, told.get(0));
    assertEquals(OptionalInt.of(0), e.utilizationPercent());
    watch.sample(running(1, 200, "bob", 5));
    assertEquals(List.of(), watch.idle(), "5 % is not below 5 %");
  }

  @Test
  void aFailedSampleSaysNothingEitherWay() {
    claim("carol", "gpu:2", Duration.ofHours(5));
    clock.advance(Duration.ofHours(3));
    watch.sample(new GpuSampler.Sample(clock.instant(), List.of(), List.of(), "exit 9: NVML"));
    assertEquals(List.of(), watch.idle());
    assertEquals(List.of(), told, "a broken nvidia-smi does not make every claim idle");
  }

  @Test
  void aProcessOnAGpuNobodyClaimedIsToldOncePerProcessButNotRootsOrOnClaimedOnes() {
    claim("alice", "gpu:0", Duration.ofHours(5));
    GpuSampler.Sample s =
        sample(
            List.of(
                new HostActivity.GpuProcess(0, 200, "bob", "python a.py", 10),
                new HostActivity.GpuProcess(3, 201, "bob", "python b.py", 10),
                new HostActivity.GpuProcess(2, 202, "root", "Xorg", 10)),
            50);
    watch.sample(s);
    watch.sample(s);
    assertEquals(1, told.size(), told.toString());
    HostEvent.UnclaimedGpuUse e = assertInstanceOf(HostEvent.UnclaimedGpuUse.class, told.get(0));
    assertEquals(List.of(3, 201L, "bob"), List.of(e.gpu(), e.pid(), e.user()));
  }
}
