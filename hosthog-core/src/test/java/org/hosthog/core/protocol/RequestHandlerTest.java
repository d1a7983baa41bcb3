package org.hosthog.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hosthog.api.Actor;
import org.hosthog.api.HostActivity;
import org.hosthog.api.Inventory;
import org.hosthog.core.Hosthog;
import org.hosthog.core.TestClock;
import org.hosthog.core.service.Authorizer;
import org.hosthog.core.time.TimeGrammar;
import org.hosthog.wire.Codec;
import org.hosthog.wire.ErrorCode;
import org.hosthog.wire.Granted;
import org.hosthog.wire.HelloResult;
import org.hosthog.wire.MotdResult;
import org.hosthog.wire.PluginsReport;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;
import org.hosthog.wire.StatusReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every op through the handler as the socket calls it (a line in, a line out), over a real SQLite
 * store.
 */
class RequestHandlerTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Actor ALICE = Actor.of("alice", "alice");
  private static final Actor BOB = Actor.of("bob", "bob");
  private static final Actor ADMIN = Actor.of("carol", "carol", "sudo");
  private static final PluginsReport PLUGINS =
      new PluginsReport(
          List.of(new PluginsReport.Provider("store", "sqlite", "SQLite", "1", "built in", true)),
          List.of());

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-02T09:00:00Z"));
  private final Codec codec = new Codec();
  private Hosthog hosthog;
  private RequestHandler handler;
  private HostActivity activity = HostActivity.none();

  @BeforeEach
  void open() {
    hosthog =
        Hosthog.builder()
            .host("gpu-box")
            .stateDir(dir)
            .inventory(
                new Inventory(
                    8,
                    List.of(
                        new org.hosthog.api.Gpu(0, "A100", "GPU-0", 40960),
                        new org.hosthog.api.Gpu(1, "A100", "GPU-1", 40960)),
                    List.of("fpga0")))
            .clock(clock)
            .zone(ZONE)
            .scheduler(false)
            .build();
    Authorizer authorizer = new Authorizer(Set.of("sudo"));
    handler =
        new RequestHandler(
            "gpu-box",
            hosthog.reservations(),
            new TimeGrammar(clock, ZONE),
            clock,
            new DaemonFacilities(
                () -> PLUGINS, authorizer::isAdmin, () -> activity, List::of, Optional::empty));
  }

  @AfterEach
  void close() {
    hosthog.close();
  }

  private <R> Response<R> call(Actor actor, Request<R> request) {
    return codec.decodeResponse(request, handler.handle(actor, codec.encode(request)));
  }

  private <R> R ok(Actor actor, Request<R> request) {
    Response<R> r = call(actor, request);
    if (r instanceof Response.Ok<R> ok) {
      return ok.result();
    }
    throw new AssertionError("refused: " + r);
  }

  private <R> Response.Failure<R> failed(
      ErrorCode code, String fragment, Actor actor, Request<R> request) {
    Response<R> r = call(actor, request);
    if (!(r instanceof Response.Failure<R> f)) {
      throw new AssertionError("not refused: " + r);
    }
    assertEquals(code, f.code(), f.message());
    assertTrue(f.message().contains(fragment), f.message());
    return f;
  }

  private static Request.Claim claim(String resource, String forSpan, String message) {
    return new Request.Claim(
        List.of(resource),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(forSpan),
        Optional.empty(),
        message,
        false);
  }

  @Test
  void aPageHoldsTheFirstOnesAndCountsTheRest() {
    ok(ALICE, claim("gpu:0", "2h", "first"));
    ok(ALICE, claim("gpu:1", "3h", "second"));
    ok(ALICE, claim("fpga0", "4h", "third"));
    org.hosthog.wire.ReservationPage page =
        ok(ALICE, new Request.Page(Request.ListReservations.current(), 2));
    assertEquals(
        List.of("first", "second"),
        page.reservations().stream().map(ReservationView::message).toList());
    assertEquals(1, page.more());
    assertEquals(0, ok(ALICE, new Request.Page(Request.ListReservations.current(), 5)).more());
  }

  @Test
  void helloNamesTheCallerTheHostAndItsZone() {
    HelloResult hello = ok(ADMIN, new Request.Hello());
    assertEquals(
        new HelloResult(1, "gpu-box", "Europe/Berlin", "carol", List.of("carol", "sudo"), true),
        hello);
    assertEquals(false, ok(BOB, new Request.Hello()).admin());
  }

  @Test
  void aClaimIsGrantedListedAndShownWithItsHistoryAtTheHostsOffset() {
    Granted g = ok(ALICE, claim("gpu:0", "2h", "training"));
    ReservationView r = g.reservation();
    assertEquals("active", r.state());
    assertEquals("2026-12-02T10:00+01:00", r.start().toString());
    assertEquals("2026-12-02T12:00+01:00", r.end().toString());
    assertEquals(List.of(r), ok(BOB, Request.ListReservations.current()));
    assertEquals(List.of(), ok(BOB, new Request.ListReservations(false, true, Optional.empty())));
    assertEquals(
        List.of(r), ok(BOB, new Request.ListReservations(false, false, Optional.of("alice"))));
    ReservationView shown = ok(BOB, new Request.Show(r.id()));
    assertEquals("created", shown.history().orElseThrow().get(0).kind());
    assertEquals("alice", shown.history().orElseThrow().get(0).actor());
  }

  @Test
  void aConflictNamesTheReservationsInTheWayAndForceRecordsItAnyway() {
    ReservationView alices = ok(ALICE, claim("gpu:0", "2h", "training")).reservation();
    Response.Failure<Granted> f =
        failed(
            ErrorCode.CONFLICT,
            "conflicts with reservation " + alices.id() + " of alice (gpu:0)",
            BOB,
            claim("gpu:0", "1h", "eval"));
    assertEquals(List.of(alices), f.conflicts());
    Request.Claim forced =
        new Request.Claim(
            List.of("gpu:0"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("1h"),
            Optional.empty(),
            "eval",
            true);
    assertEquals(List.of(alices), ok(BOB, forced).overridden());
  }

  @Test
  void startsAndEndsAreReadInTheHostsZone() {
    Request.Claim tomorrow =
        new Request.Claim(
            List.of("fpga0"),
            Optional.empty(),
            Optional.of("tomorrow 09:00"),
            Optional.empty(),
            Optional.empty(),
            Optional.of("tomorrow 17:00"),
            "synthesis",
            false);
    ReservationView r = ok(ALICE, tomorrow).reservation();
    assertEquals("2026-12-03T09:00+01:00", r.start().toString());
    assertEquals("planned", r.state());
    Request.Claim later =
        new Request.Claim(
            List.of("gpu:1"),
            Optional.of("shared"),
            Optional.empty(),
            Optional.of("30m"),
            Optional.of("1h"),
            Optional.empty(),
            "later",
            false);
    ReservationView l = ok(ALICE, later).reservation();
    assertEquals("2026-12-02T10:30+01:00", l.start().toString());
    assertEquals("shared", l.claims().get(0).mode().text());
  }

  @Test
  void extendByIsAddedToTheEndWhenAppliedAndUntilSetsIt() {
    ReservationView r = ok(ALICE, claim("gpu:0", "2h", "training")).reservation();
    ReservationView longer =
        ok(ALICE, new Request.Extend(r.id(), Optional.of("1h30m"), Optional.empty())).reservation();
    assertEquals(Duration.ofMinutes(90), Duration.between(r.end(), longer.end()));
    ReservationView until =
        ok(ALICE, new Request.Extend(r.id(), Optional.empty(), Optional.of("2026-12-05")))
            .reservation();
    assertEquals("2026-12-06T00:00+01:00", until.end().toString());
  }

  @Test
  void aModeOnlyEditKeepsTheResources() {
    ReservationView r = ok(ALICE, claim("gpu:0-1", "2h", "training")).reservation();
    Request.Edit shared =
        new Request.Edit(
            r.id(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("shared"),
            false);
    ReservationView after = ok(ALICE, shared).reservation();
    assertEquals("gpu:0-1", after.claims().get(0).resource().text());
    assertEquals("shared", after.claims().get(0).mode().text());
  }

  @Test
  void onlyTheOwnerAndAdminsChangeOrRelease() {
    ReservationView r = ok(ALICE, claim("gpu:0", "2h", "training")).reservation();
    failed(ErrorCode.NOT_PERMITTED, "belongs to alice", BOB, new Request.Release(r.id()));
    failed(
        ErrorCode.NOT_PERMITTED,
        "belongs to alice",
        BOB,
        new Request.Extend(r.id(), Optional.of("1h"), Optional.empty()));
    assertEquals("released", ok(ADMIN, new Request.Release(r.id())).reservation().state());
    failed(ErrorCode.INVALID, "has been released", ALICE, new Request.Release(r.id()));
  }

  @Test
  void unknownIdsAreNotFound() {
    failed(ErrorCode.NOT_FOUND, "there is no reservation 99", ALICE, new Request.Show(99));
    failed(ErrorCode.NOT_FOUND, "there is no reservation 99", ALICE, new Request.Release(99));
    failed(
        ErrorCode.NOT_FOUND,
        "there is no reservation 99",
        ALICE,
        new Request.Extend(99, Optional.of("1h"), Optional.empty()));
  }

  @Test
  void whatTheUserTypedWrongIsBadInputAndWhatTheHostRefusesIsInvalid() {
    failed(
        ErrorCode.BAD_INPUT,
        "could not understand the duration 'soon'",
        ALICE,
        claim("gpu:0", "soon", "m"));
    failed(
        ErrorCode.BAD_INPUT,
        "unknown mode 'greedy'",
        ALICE,
        new Request.Claim(
            List.of("gpu:0"),
            Optional.of("greedy"),
            Optional.empty(),
            Optional.empty(),
            Optional.of("1h"),
            Optional.empty(),
            "m",
            false));
    failed(ErrorCode.INVALID, "claimable here", ALICE, claim("gpu:9", "1h", "m"));
    failed(ErrorCode.INVALID, "say why in a message", ALICE, claim("gpu:0", "1h", " "));
    failed(ErrorCode.INVALID, "no calendar sync is enabled", ALICE, new Request.Sync());
  }

  @Test
  void protocolErrorsComeFromTheDecoderUnchanged() {
    assertTrue(
        handler.handle(ALICE, "{\"v\":1,\"op\":\"nope\"}").contains("\"code\":\"unknown_op\""));
    assertTrue(
        handler
            .handle(ALICE, "{\"v\":3,\"op\":\"list\"}")
            .contains("\"code\":\"unsupported_version\""));
    assertTrue(handler.handle(ALICE, "[").contains("\"code\":\"bad_request\""));
  }

  @Test
  void webAndFleetOnAHostWithoutAFleetLinkSayHowToLinkIt() {
    for (Request<?> r :
        List.of(new Request.Web(), new Request.Fleet(), new Request.FleetUsage("user", "week"))) {
      failed(ErrorCode.INVALID, "gpu-box is not linked to a hosthog state server", ALICE, r);
      failed(ErrorCode.INVALID, "hosthog server enroll gpu-box", ALICE, r);
    }
  }

  @Test
  void aStateServerThatRefusesIsARefusalNotADaemonFailure() {
    org.hosthog.api.spi.FleetLink refusing =
        new org.hosthog.api.spi.FleetLink() {
          @Override
          public java.net.URI loginUrl(String user) {
            throw new org.hosthog.api.PluginException("the state server refused: revoked");
          }

          @Override
          public List<org.hosthog.api.spi.FleetHost> hosts() {
            throw new org.hosthog.api.PluginException("the state server cannot be reached");
          }

          @Override
          public List<org.hosthog.api.spi.FleetUsage> usage(String groupBy, String period) {
            throw new org.hosthog.api.PluginException("the state server timed out");
          }

          @Override
          public org.hosthog.api.spi.SyncStatus syncNow() {
            return status();
          }

          @Override
          public org.hosthog.api.spi.SyncStatus status() {
            return new org.hosthog.api.spi.SyncStatus(
                Optional.empty(), 0, List.of("the state server refused: revoked"));
          }

          @Override
          public void onEvent(org.hosthog.api.HostEvent event) {}

          @Override
          public void close() {}
        };
    handler =
        new RequestHandler(
            "gpu-box",
            hosthog.reservations(),
            new TimeGrammar(clock, ZONE),
            clock,
            new DaemonFacilities(
                () -> PLUGINS, a -> false, () -> null, List::of, () -> Optional.of(refusing)));
    failed(ErrorCode.INVALID, "refused: revoked", ALICE, new Request.Web());
    failed(ErrorCode.NOT_PERMITTED, "as your own user", Actor.of("root"), new Request.Web());
    failed(ErrorCode.INVALID, "cannot be reached", ALICE, new Request.Fleet());
    failed(ErrorCode.INVALID, "timed out", ALICE, new Request.FleetUsage("host", "month"));
    List<org.hosthog.wire.SyncReport> synced = ok(ALICE, new Request.Sync());
    assertEquals(
        List.of("state server"),
        synced.stream().map(org.hosthog.wire.SyncReport::target).toList(),
        "the link reports as the state server, beside no calendar");
  }

  @Test
  void aFailingFacilityIsAnInternalErrorAndTheNextRequestIsServed() {
    handler =
        new RequestHandler(
            "gpu-box",
            hosthog.reservations(),
            new TimeGrammar(clock, ZONE),
            clock,
            new DaemonFacilities(
                () -> PLUGINS,
                a -> false,
                () -> {
                  throw new IllegalStateException("probe broke");
                },
                List::of,
                Optional::empty));
    failed(ErrorCode.INTERNAL, "the daemon failed: probe broke", ALICE, new Request.Status());
    assertEquals("gpu-box", ok(ALICE, new Request.Hello()).host());
  }

  @Test
  void statusListsTheFirstTenLaterTodayAndCountsTheRest() {
    ok(ALICE, claim("gpu:1", "1h", "now"));
    for (int k = 1; k <= 13; k++) {
      ok(
          ALICE,
          new Request.Claim(
              List.of("gpu:0"),
              Optional.empty(),
              Optional.of("+" + (k * 10) + "m"),
              Optional.empty(),
              Optional.of("5m"),
              Optional.empty(),
              "later " + k,
              false));
    }
    StatusReport s = ok(BOB, new Request.Status());
    assertEquals(1, s.active().size());
    assertEquals(
        java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(k -> "later " + k).toList(),
        s.laterToday().stream().map(ReservationView::message).toList());
    assertEquals(3, s.laterMore());
  }

  @Test
  void statusMotdResourcesAndPluginsDescribeTheHost() {
    ReservationView r = ok(ALICE, claim("gpu:0", "2h", "training")).reservation();
    activity =
        new HostActivity(
            List.of(new HostActivity.Session("bob", "pts/1", "", clock.instant(), 1)),
            List.of(new HostActivity.GpuProcess(1, 77, "bob", "python x.py", 512)),
            List.of());
    StatusReport s = ok(BOB, new Request.Status());
    assertEquals(List.of(r), s.active());
    assertEquals(List.of("gpu:1", "cpu", "fpga0"), s.free());
    assertEquals("bob", s.loggedIn().get(0).user());
    assertEquals(77, s.gpuProcesses().get(0).pid());
    MotdResult motd = ok(BOB, new Request.Motd());
    assertTrue(motd.text().contains("training"), motd.text());
    assertEquals(
        List.of("host", "gpu:0-1", "cpu:0-7", "fpga0"),
        ok(BOB, new Request.Resources()).claimable());
    assertEquals(PLUGINS, ok(BOB, new Request.Plugins()));
  }

  @Test
  void theSocketServersOwnFailuresAreProperJson() {
    String line =
        handler.failure(ErrorCode.TOO_LARGE, "a request may be at most 65536 bytes \"really\"");
    Response<Granted> r = codec.decodeResponse(new Request.Release(1), line);
    assertEquals(
        new Response.Failure<>(
            ErrorCode.TOO_LARGE, "a request may be at most 65536 bytes \"really\""),
        r);
  }

  @Test
  void aWaiterHoldsBackOnlyThoseWhoWantAPartOfTheSameResources() {
    ok(ALICE, claim("gpu:0", "2h", "holds gpu:0"));
    org.hosthog.wire.WaitResult bob =
        ok(BOB, new Request.Wait(claim("gpu:0", "1h", "after alice"), Optional.empty()));
    assertTrue(bob.granted().isEmpty(), "gpu:0 is alice's");
    org.hosthog.wire.WaitResult dave =
        ok(
            Actor.of("dave", "dave"),
            new Request.Wait(claim("gpu:1", "1h", "gpu:1 is free"), Optional.empty()));
    assertTrue(dave.granted().isPresent(), "bob waits for gpu:0, which dave does not want");
    org.hosthog.wire.WaitResult erin =
        ok(
            Actor.of("erin", "erin"),
            new Request.Wait(claim("gpu:0-1", "1h", "both"), Optional.empty()));
    assertEquals(1, erin.ahead(), "bob waits ahead for a part of what erin wants");
    org.hosthog.wire.WaitResult again =
        ok(BOB, new Request.Wait(claim("gpu:0", "1h", "after alice"), Optional.empty()));
    assertEquals(bob.ticket(), again.ticket(), "one place per user and request");
    List<org.hosthog.wire.Waiter> waiting = ok(BOB, new Request.Waiting());
    assertEquals(
        List.of("bob", "erin"), waiting.stream().map(org.hosthog.wire.Waiter::user).toList());
  }
}
