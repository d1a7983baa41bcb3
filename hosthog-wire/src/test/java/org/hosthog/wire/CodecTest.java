package org.hosthog.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hosthog.api.Claim;
import org.hosthog.api.Gpu;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request and result through the codec and back; every malformed request to its error. */
class CodecTest {
  private static final Codec CODEC = new Codec();
  private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-02T09:30:00+01:00");

  static Stream<Request<?>> requests() {
    return Stream.of(
        new Request.Hello(),
        new Request.Claim(
            List.of("gpu:0-3", "fpga0"),
            Optional.of("shared"),
            Optional.of("tomorrow 09:00"),
            Optional.empty(),
            Optional.empty(),
            Optional.of("fri 18:00"),
            "paper \"deadline\" ☃",
            true),
        new Request.Claim(
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("5m"),
            Optional.of("10m"),
            Optional.empty(),
            "reboot",
            false),
        new Request.Claim(
            List.of(),
            Optional.of(2),
            Optional.of("shared"),
            Optional.empty(),
            Optional.empty(),
            Optional.of("4h"),
            Optional.empty(),
            "any two",
            false,
            false),
        new Request.Claim(
            List.of(),
            Optional.of(1),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "run: python train.py",
            false,
            true),
        new Request.Renew(7),
        new Request.Cli(List.of("claim", "gpu:0", "-m", "é \" \n"), Optional.of(120)),
        new Request.Cli(List.of(), Optional.empty()),
        new Request.Page(new Request.ListReservations(true, false, Optional.of("bob")), 100),
        new Request.ListReservations(true, true, Optional.of("alice")),
        Request.ListReservations.current(),
        new Request.Show(42),
        new Request.Extend(42, Optional.of("2h"), Optional.empty()),
        new Request.Extend(42, Optional.empty(), Optional.of("2026-12-24")),
        new Request.Edit(
            7,
            Optional.of("14:00"),
            Optional.of("18:00"),
            Optional.of("new"),
            Optional.of(List.of("gpu:1")),
            Optional.of("exclusive"),
            true),
        new Request.Edit(
            7,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("shared"),
            false),
        new Request.Release(9),
        new Request.Resources(),
        new Request.Status(),
        new Request.Motd(),
        new Request.Plugins(),
        new Request.Sync(),
        new Request.Web(),
        new Request.Fleet(),
        new Request.FleetUsage("host", "month"));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void everyRequestSurvivesTheWire(Request<?> request) {
    assertEquals(request, CODEC.decodeRequest(CODEC.encode(request)));
  }

  @Test
  void aClaimWithoutResourcesClaimsTheHost() {
    assertEquals(
        List.of("host"),
        new Request.Claim(
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("1h"),
                Optional.empty(),
                "m",
                false)
            .resources());
  }

  @Test
  void theRequestLineKeepsItsDocumentedFieldNames() {
    String line =
        CODEC.encode(
            new Request.Claim(
                List.of("gpu:0"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("5m"),
                Optional.of("1h"),
                Optional.empty(),
                "m",
                false));
    assertEquals(
        "{\"v\":1,\"op\":\"claim\",\"args\":{\"resources\":[\"gpu:0\"],\"in\":\"5m\",\"for\":\"1h\",\"message\":\"m\",\"force\":false}}",
        line);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          this is not json|BAD_REQUEST|not valid JSON
          [1,2,3]|BAD_REQUEST|a request is a JSON object
          {}|UNSUPPORTED_VERSION|this daemon speaks version 1
          {"v":2,"op":"list"}|UNSUPPORTED_VERSION|version 2 is not supported
          {"v":1}|BAD_REQUEST|field 'op' is missing
          {"v":1,"op":42}|BAD_REQUEST|field 'op' must be a string
          {"v":1,"op":"rm -rf /"}|UNKNOWN_OP|unknown operation 'rm -rf /'
          {"v":1,"op":"list","args":[]}|BAD_REQUEST|field 'args' must be an object
          {"v":1,"op":"show","args":{"id":"abc"}}|BAD_INPUT|'abc' is not a reservation id
          {"v":1,"op":"show","args":{"id":-4}}|BAD_INPUT|is not a reservation id
          {"v":1,"op":"show","args":{"id":1e300}}|BAD_INPUT|is not a reservation id
          {"v":1,"op":"release","args":{}}|BAD_INPUT|is not a reservation id
          {"v":1,"op":"list","args":{"all":"yes"}}|BAD_REQUEST|field 'all' must be true or false
          {"v":1,"op":"list","args":{"user":7}}|BAD_REQUEST|field 'user' must be a string
          {"v":1,"op":"claim","args":{"resources":"gpu:0","for":"1h"}}|BAD_REQUEST|field 'resources' must be an array of strings
          {"v":1,"op":"claim","args":{"resources":[7],"for":"1h"}}|BAD_REQUEST|field 'resources' must be an array of strings
          {"v":1,"op":"claim","args":{"resources":["gpu:0"],"message":"m"}}|BAD_INPUT|a claim needs an end
          {"v":1,"op":"claim","args":{"for":"1h","until":"fri","message":"m"}}|BAD_INPUT|not both
          {"v":1,"op":"claim","args":{"at":"now","in":"5m","for":"1h"}}|BAD_INPUT|give --at WHEN or --in DURATION
          {"v":1,"op":"claim","args":{"gpus":0,"for":"1h","message":"m"}}|BAD_INPUT|--gpus takes how many GPUs you need, from 1
          {"v":1,"op":"claim","args":{"gpus":-1,"for":"1h","message":"m"}}|BAD_REQUEST|field 'gpus' must be a whole number
          {"v":1,"op":"claim","args":{"gpus":1.5,"for":"1h","message":"m"}}|BAD_REQUEST|field 'gpus' must be a whole number
          {"v":1,"op":"claim","args":{"gpus":"two","for":"1h","message":"m"}}|BAD_REQUEST|field 'gpus' must be a whole number
          {"v":1,"op":"claim","args":{"gpus":1e12,"for":"1h","message":"m"}}|BAD_REQUEST|field 'gpus' must be a whole number
          {"v":1,"op":"claim","args":{"gpus":2,"resources":["gpu:0"],"for":"1h","message":"m"}}|BAD_INPUT|give --gpus N or name resources (gpu:0), not both
          {"v":1,"op":"claim","args":{"gpus":2,"force":true,"for":"1h","message":"m"}}|BAD_INPUT|--force does not go with --gpus
          {"v":1,"op":"claim","args":{"lease":true,"for":"1h","message":"m"}}|BAD_INPUT|a lease lasts as long as it is renewed
          {"v":1,"op":"claim","args":{"lease":"yes","message":"m"}}|BAD_REQUEST|field 'lease' must be true or false
          {"v":1,"op":"renew","args":{}}|BAD_INPUT|is not a reservation id
          {"v":1,"op":"page","args":{"query":{},"limit":0}}|BAD_INPUT|--limit takes how many to show, from 1
          {"v":1,"op":"page","args":{"query":{}}}|BAD_REQUEST|field 'limit' is missing
          {"v":1,"op":"page","args":{"query":[],"limit":5}}|BAD_REQUEST|field 'query' must be an object
          {"v":1,"op":"page","args":{"limit":5}}|BAD_REQUEST|field 'query' is missing
          {"v":1,"op":"extend","args":{"id":1}}|BAD_INPUT|extend needs --by
          {"v":1,"op":"extend","args":{"id":1,"by":"1h","until":"fri"}}|BAD_INPUT|give extend --by DURATION or --until WHEN, not both
          """)
  void aMalformedRequestGetsItsCodeAndAClearMessage(String line, ErrorCode code, String fragment) {
    WireException e = assertThrows(WireException.class, () -> CODEC.decodeRequest(line));
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void anIdTypedByAUserIsANumberFromOne() {
    assertEquals(42, Request.id(" 42 "));
    assertEquals(
        ErrorCode.BAD_INPUT, assertThrows(WireException.class, () -> Request.id("0")).code());
    assertEquals(
        ErrorCode.BAD_INPUT, assertThrows(WireException.class, () -> Request.id("4a")).code());
    assertEquals(
        ErrorCode.BAD_INPUT,
        assertThrows(WireException.class, () -> Request.id("9999999999999999999")).code());
  }

  static ReservationView reservation(long id, boolean withHistory) {
    ReservationView r =
        new ReservationView(
            id,
            UUID.fromString("7f3a0000-0000-4000-8000-000000000042"),
            "gpu-box",
            "alice",
            List.of(
                new Claim(Resource.parse("gpu:0-3"), Mode.EXCLUSIVE),
                new Claim(Resource.parse("host"), Mode.SHARED)),
            T,
            T.plusHours(2),
            "deadline <b>&</b> \u2603",
            "active",
            T.minusDays(1),
            T.minusHours(1),
            "root",
            Optional.of(T.plusHours(1)),
            Optional.empty());
    return withHistory
        ? new ReservationView(
            r.id(),
            r.uuid(),
            r.host(),
            r.owner(),
            r.claims(),
            r.start(),
            r.end(),
            r.message(),
            r.state(),
            r.created(),
            r.updated(),
            r.updatedBy(),
            r.released(),
            Optional.of(
                List.of(
                    new ReservationView.HistoryEntry(
                        T.minusDays(1), "alice", "created", "gpu:0-3 from ..."))))
        : r;
  }

  static Stream<Object[]> results() {
    return Stream.of(
        new Object[] {
          new Request.Hello(),
          new HelloResult(1, "gpu-box", "Europe/Berlin", "alice", List.of("alice", "sudo"), true)
        },
        new Object[] {
          new Request.ListReservations(false, false, Optional.empty()),
          List.of(reservation(1, false), reservation(2, false))
        },
        new Object[] {new Request.ListReservations(false, false, Optional.empty()), List.of()},
        new Object[] {new Request.Show(1), reservation(1, true)},
        new Object[] {
          new Request.Limits(),
          new LimitsReport(
              new org.hosthog.api.Limits(
                  Optional.of(java.time.Duration.ofDays(7)),
                  Optional.empty(),
                  java.util.OptionalInt.of(4),
                  Optional.of(java.time.Duration.ofHours(36)),
                  java.util.Set.of("hpc", "staff"),
                  java.time.Duration.ofHours(2),
                  10),
              true)
        },
        new Object[] {new Request.Limits(), new LimitsReport(org.hosthog.api.Limits.none(), false)},
        new Object[] {
          new Request.Cli(List.of("list"), Optional.empty()),
          new CliOutput("ID  OWNER\n1   é \"x\"\n", "hosthog: 3 more\n", 2)
        },
        new Object[] {
          new Request.Page(Request.ListReservations.current(), 1),
          new ReservationPage(List.of(reservation(1, false)), 41)
        },
        new Object[] {
          new Request.Release(1), new Granted(reservation(1, false), List.of(reservation(3, false)))
        },
        new Object[] {
          new Request.Resources(),
          new Inventory(32, List.of(new Gpu(0, "NVIDIA A100", "GPU-0", 40960)), List.of("fpga0"))
        },
        new Object[] {
          new Request.Status(),
          new StatusReport(
              T,
              List.of(reservation(1, false)),
              List.of(),
              3,
              List.of("gpu:1", "cpu"),
              List.of(new StatusReport.Session("bob", "pts/3", "10.0.0.7", T)),
              List.of(new StatusReport.GpuProcess(0, 4242, "alice", "python train.py", 1024)),
              List.of(new StatusReport.BusyProcess(99, "carol", "make -j", 180)),
              List.of(
                  new StatusReport.IdleGpu(1, 7, "dave", T, java.util.OptionalInt.empty()),
                  new StatusReport.IdleGpu(2, 8, "erin", T, java.util.OptionalInt.of(2))),
              List.of(new StatusReport.GpuProcess(3, 4343, "erin", "python x.py", 512)),
              new StatusReport.GpuSample(java.util.Optional.of(T), ""))
        },
        new Object[] {
          new Request.Motd(), new MotdResult("hosthog: nothing is claimed on gpu-box today.\n")
        },
        new Object[] {
          new Request.Plugins(),
          new PluginsReport(
              List.of(
                  new PluginsReport.Provider(
                      "store",
                      "sqlite",
                      "SQLite",
                      "0.1.0",
                      "/usr/share/hosthog/lib/store-sqlite.jar",
                      true)),
              List.of(new PluginsReport.Problem("/etc/hosthog/plugins/bad.jar", "not a jar")))
        },
        new Object[] {
          new Request.Sync(),
          List.of(
              new SyncReport(Optional.of(T), 2, List.of("calendar event x: no resource")),
              new SyncReport(Optional.empty(), 0, List.of(), "state server"))
        },
        new Object[] {
          new Request.Web(), new WebLogin(java.net.URI.create("https://hosthog.lab/login/abc"))
        },
        new Object[] {
          new Request.Fleet(),
          List.of(
              new org.hosthog.api.spi.FleetHost(
                  "alpha",
                  true,
                  Optional.of(T.toInstant()),
                  List.of("host", "gpu:0-1"),
                  List.of(
                      new org.hosthog.api.spi.FleetHost.Free(
                          "gpu:1", Optional.of(T.toInstant().plusSeconds(3600))),
                      new org.hosthog.api.spi.FleetHost.Free("cpu", Optional.empty()))),
              new org.hosthog.api.spi.FleetHost(
                  "beta", false, Optional.empty(), List.of(), List.of()))
        },
        new Object[] {
          new Request.FleetUsage("user", "week"),
          List.of(
              new org.hosthog.api.spi.FleetUsage(
                  "alice", java.time.LocalDate.of(2026, 11, 30), 8.5, 4.25, 4.0, 0.5, 2.125))
        });
  }

  @org.junit.jupiter.api.Test
  void aUsageRequestNamesWhatItTakes() {
    WireException by =
        org.junit.jupiter.api.Assertions.assertThrows(
            WireException.class,
            () ->
                CODEC.decodeRequest("{\"v\":1,\"op\":\"fleet_usage\",\"args\":{\"by\":\"team\"}}"));
    assertTrue(by.getMessage().contains("give --by user or --by host"), by.getMessage());
    WireException period =
        org.junit.jupiter.api.Assertions.assertThrows(
            WireException.class, () -> new Request.FleetUsage("user", "year"));
    assertTrue(period.getMessage().contains("day, week or month"), period.getMessage());
    assertEquals(
        new Request.FleetUsage("user", "week"),
        CODEC.decodeRequest("{\"v\":1,\"op\":\"fleet_usage\"}"));
  }

  @ParameterizedTest
  @MethodSource("results")
  void everyResultSurvivesTheWire(Request<Object> request, Object result) {
    Response<Object> back = CODEC.decodeResponse(request, CODEC.encodeOk(result));
    assertEquals(result, assertInstanceOf(Response.Ok.class, back).result());
  }

  @Test
  void aConflictCarriesTheReservationsInTheWay() {
    Response.Failure<Granted> conflict =
        new Response.Failure<>(
            ErrorCode.CONFLICT,
            "conflicts with reservation 1 of alice",
            List.of(reservation(1, false)));
    String line = CODEC.encodeFailure(conflict);
    assertTrue(line.startsWith("{\"v\":1,\"ok\":false,\"error\":{\"code\":\"conflict\""), line);
    assertEquals(conflict, CODEC.decodeResponse(new Request.Release(1), line));
  }

  @Test
  void aFailureMessageIsEscapedJsonWhateverItHolds() {
    String line =
        CODEC.encodeFailure(new Response.Failure<>(ErrorCode.TOO_LARGE, "a \"quoted\" \\ line\n"));
    Response<Granted> back = CODEC.decodeResponse(new Request.Release(1), line);
    assertEquals(new Response.Failure<>(ErrorCode.TOO_LARGE, "a \"quoted\" \\ line\n"), back);
  }

  @Test
  void anUnknownErrorCodeFromANewerDaemonReadsAsInternal() {
    Response<Granted> back =
        CODEC.decodeResponse(
            new Request.Release(1),
            "{\"v\":1,\"ok\":false,\"error\":{\"code\":\"quota\",\"message\":\"m\"}}");
    assertEquals(ErrorCode.INTERNAL, assertInstanceOf(Response.Failure.class, back).code());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          garbage
          {"v":1,"ok":true}
          {"v":1,"ok":true,"result":{"reservation":{"id":1}}}
          {"v":1,"ok":false}
          """)
  void anAnswerThatIsNotOneSaysSo(String line) {
    HosthogException e =
        assertThrows(
            HosthogException.class, () -> CODEC.decodeResponse(new Request.Release(1), line));
    assertTrue(e.getMessage().contains("same version"), e.getMessage());
  }

  @Test
  void prettyJsonKeepsTypedTextAsItIs() {
    String json = CODEC.pretty(reservation(5, false));
    assertTrue(json.contains("\"message\": \"deadline <b>&</b> \u2603\""), json);
    assertTrue(json.contains("\"updated_by\": \"root\""), json);
    assertTrue(json.startsWith("{\n  \"id\": 5,"), json);
  }

  @Test
  void aReservationSurvivesTheExportForm() {
    ReservationView r = reservation(8, false);
    assertEquals(r, CODEC.decodeReservation(CODEC.compact(r)));
  }
}
