package org.hosthog.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Recurring reservations (claim --every) by real users through the real socket, announced on a real
 * terminal once per series: the course slot every week, conflicts all or nothing, releasing and
 * changing "this and later ones". Needs root (CI runs it as root).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeriesIT {
  static DaemonFixture hh;
  static TmuxTerminal bob;

  /** The course's first day: far enough ahead that every occurrence is still to come. */
  static final LocalDate FIRST = LocalDate.now().plusDays(2);

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    RealUsers.ensure("hhsalice");
    RealUsers.ensure("hhsbob");
    bob = new TmuxTerminal("hhsbob", "mesg y; exec sleep 3600");
    hh = new DaemonFixture("[notify]\nenabled = [\"motd\", \"wall\"]\n").start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hh != null) {
      hh.close();
    }
    if (bob != null) {
      bob.close();
    }
  }

  private static List<Long> ids(Result r) {
    assertEquals(0, r.exit(), r.toString());
    List<Long> ids = new ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      ids.add(Long.parseLong(line.strip()));
    }
    return ids;
  }

  /** alice's reservations with {@code message}, as {@code list --all --json} has them. */
  private static List<JsonObject> listed(String message) throws Exception {
    Result list = hh.as("hhsalice", "list", "--all", "--json", "--limit", "0");
    assertEquals(0, list.exit(), list.toString());
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(list.out()).getAsJsonArray()) {
      if (e.getAsJsonObject().get("message").getAsString().equals(message)) {
        out.add(e.getAsJsonObject());
      }
    }
    return out;
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  @Order(1)
  void aWeeklyCourseSlotIsOneReservationPerOccurrenceAnnouncedOnce() throws Exception {
    Result r =
        hh.as(
            "hhsalice",
            "claim",
            "gpu:0",
            "--at",
            FIRST.toString(),
            "14:00",
            "--for",
            "2h",
            "--every",
            "week",
            "--count",
            "4",
            "-m",
            "course lab");
    List<Long> ids = ids(r);
    assertEquals(4, ids.size(), r.toString());
    String day = FIRST.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    assertTrue(
        r.err().contains("claimed gpu:0 (exclusive) every " + day + " 14:00–16:00, 4 times from"),
        r.err());

    String seen = bob.await("course lab", 30);
    assertTrue(
        seen.replaceAll("\\s+", " ").contains("every " + day + " 14:00–16:00, 4 times"), seen);
    Thread.sleep(3000); // a message per occurrence would have arrived by now
    assertEquals(1, count(bob.raw(), "course lab"), "announced once: " + bob.raw());

    List<JsonObject> course = listed("course lab");
    assertEquals(4, course.size());
    for (int i = 0; i < 4; i++) {
      JsonObject o = course.get(i);
      assertEquals(course.get(0).get("series"), o.get("series"), "one series id");
      assertEquals(i + 1, o.getAsJsonObject("occurrence").get("index").getAsInt());
      assertEquals(4, o.getAsJsonObject("occurrence").get("count").getAsInt());
      OffsetDateTime start = OffsetDateTime.parse(o.get("start").getAsString());
      assertEquals(FIRST.plusWeeks(i), start.toLocalDate());
      assertEquals(14, start.getHour(), "the same wall-clock time: " + o);
    }
    Result show = hh.as("hhsbob", "show", Long.toString(ids.get(2)));
    assertTrue(show.out().contains("every " + day + " 14:00–16:00, 3 of 4"), show.out());
    Result list = hh.as("hhsbob", "list");
    assertTrue(list.out().contains("course lab [2/4]"), list.out());
  }

  @Test
  @Order(2)
  void anOccurrenceInConflictMakesNothingAndNamesItsDayUnlessTheOthersAreAskedFor()
      throws Exception {
    LocalDate third = FIRST.plusDays(2);
    Result bobs =
        hh.as(
            "hhsbob",
            "claim",
            "gpu:1",
            "--at",
            third.toString(),
            "09:30",
            "--for",
            "1h",
            "-m",
            "bob's benchmark");
    long bobsId = ids(bobs).get(0);
    Result refused =
        hh.as(
            "hhsalice",
            "claim",
            "gpu:1",
            "--at",
            FIRST.toString(),
            "09:00",
            "--for",
            "2h",
            "--every",
            "day",
            "--count",
            "5",
            "-m",
            "nightly");
    assertEquals(1, refused.exit(), refused.toString());
    String date =
        third.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
            + " "
            + third.getDayOfMonth()
            + " ";
    assertTrue(refused.err().contains("1 occurrence conflicts: " + date), refused.err());
    assertTrue(refused.err().contains("reservation " + bobsId + " of hhsbob"), refused.err());
    assertTrue(refused.err().contains("--skip-conflicts"), refused.err());
    assertEquals(List.of(), listed("nightly"), "all or nothing");

    Result skipping =
        hh.as(
            "hhsalice",
            "claim",
            "gpu:1",
            "--at",
            FIRST.toString(),
            "09:00",
            "--for",
            "2h",
            "--every",
            "day",
            "--count",
            "5",
            "--skip-conflicts",
            "-m",
            "nightly");
    assertEquals(4, ids(skipping).size(), skipping.toString());
    assertTrue(
        skipping.err().contains("skipped " + date)
            && skipping.err().contains("reservation " + bobsId + " of hhsbob is in the way"),
        skipping.err());
  }

  @Test
  @Order(3)
  void editingAndExtendingWithTheSeriesChangeThisAndLaterOccurrences() throws Exception {
    List<JsonObject> course = listed("course lab");
    String second = course.get(1).get("id").getAsString();
    Result edit = hh.as("hhsalice", "edit", second, "-m", "course lab, room 2", "--series");
    assertEquals(0, edit.exit(), edit.toString());
    assertTrue(edit.out().startsWith("Changed gpu:0 (exclusive) every "), edit.out());
    assertEquals(1, listed("course lab").size(), "the first stays as it was");
    assertEquals(3, listed("course lab, room 2").size());

    Result extend = hh.as("hhsalice", "extend", second, "--by", "30m", "--series");
    assertEquals(0, extend.exit(), extend.toString());
    for (JsonObject o : listed("course lab, room 2")) {
      assertEquals(16, OffsetDateTime.parse(o.get("end").getAsString()).getHour());
      assertEquals(30, OffsetDateTime.parse(o.get("end").getAsString()).getMinute());
    }
    Result notHis = hh.as("hhsbob", "edit", second, "-m", "mine now", "--series");
    assertEquals(1, notHis.exit(), notHis.toString());
    assertTrue(notHis.err().contains("belongs to hhsalice"), notHis.err());
  }

  @Test
  @Order(4)
  void releasingWithTheSeriesCancelsThisAndLaterOnesAndKeepsTheEarlier() throws Exception {
    // the edit and extension above went out as one burst; after a quiet spell a change goes alone
    Thread.sleep(9000);
    List<JsonObject> later = listed("course lab, room 2");
    String third = later.get(1).get("id").getAsString();
    Result release = hh.as("hhsalice", "release", third, "--series");
    assertEquals(0, release.exit(), release.toString());
    assertEquals(
        "Released reservation " + third + " and cancelled the later occurrence of its series.\n",
        release.out());
    List<String> states =
        listed("course lab, room 2").stream().map(o -> o.get("state").getAsString()).toList();
    assertEquals(List.of("planned", "released", "released"), states);
    assertEquals("planned", listed("course lab").get(0).get("state").getAsString());
    String seen = bob.await("cancelled gpu:0 every", 30);
    assertTrue(seen.replaceAll("\\s+", " ").contains("2 times from"), seen);

    String alone =
        Long.toString(
            ids(hh.as("hhsalice", "claim", "gpu:1", "--in", "50h", "--for", "1h", "-m", "once"))
                .get(0));
    Result notSeries = hh.as("hhsalice", "release", alone, "--series");
    assertEquals(1, notSeries.exit(), notSeries.toString());
    assertTrue(notSeries.err().contains("is not part of a series"), notSeries.err());
  }

  @Test
  void badSeriesAreRefusedWithWhatToDoAndMakeNothing() throws Exception {
    String[][] cases = {
      {"--every", "0d", "--count", "3"},
      {"--every", "fortnightly", "--count", "3"},
      {"--every", "day", "--count", "101"},
      {"--every", "day", "--count", "0"},
      {"--every", "day"},
      {"--every", "day", "--count", "3", "--through", "2099-01-01"},
      {"--count", "3"},
      {"--every", "day", "--through", LocalDate.now().plusYears(2).toString()},
    };
    String[] expected = {
      "--every 0d repeats nothing",
      "'--every fortnightly' is not understood: give day, weekday, week, 2d, 2w",
      "at most 100",
      "--count takes how many occurrences",
      "needs one end",
      "needs one end",
      "go with --every",
      "at most one year ahead",
    };
    for (int i = 0; i < cases.length; i++) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "claim",
                  "gpu:0",
                  "--at",
                  FIRST.plusDays(60).toString(),
                  "08:00",
                  "--for",
                  "1h",
                  "-m",
                  "bad series"));
      args.addAll(List.of(cases[i]));
      Result r = hh.as("hhsalice", args.toArray(String[]::new));
      assertTrue(r.exit() == 1 || r.exit() == 2, r.toString());
      assertTrue(r.err().contains(expected[i]), String.join(" ", cases[i]) + ": " + r.err());
    }
    Result overlapping =
        hh.as(
            "hhsalice",
            "claim",
            "gpu:0",
            "--at",
            FIRST.plusDays(60).toString(),
            "08:00",
            "--for",
            "25h",
            "--every",
            "day",
            "--count",
            "3",
            "-m",
            "bad series");
    assertTrue(overlapping.err().contains("must end before the next starts"), overlapping.err());
    assertEquals(List.of(), listed("bad series"));
  }

  @Test
  void theJsonAnswerOfASeriesListsEveryOccurrence() throws Exception {
    Result r =
        hh.as(
            "hhsalice",
            "claim",
            "fpga0",
            "--at",
            FIRST.plusDays(30).toString(),
            "07:00",
            "--for",
            "1h",
            "--every",
            "weekday",
            "--count",
            "3",
            "--json",
            "-m",
            "json series");
    assertEquals(0, r.exit(), r.toString());
    JsonObject answer = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonArray occurrences = answer.getAsJsonArray("occurrences");
    assertEquals(3, occurrences.size());
    for (JsonElement e : occurrences) {
      DayOfWeek d =
          OffsetDateTime.parse(e.getAsJsonObject().get("start").getAsString()).getDayOfWeek();
      assertTrue(d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY, "weekdays only: " + e);
      assertEquals(
          "weekday", e.getAsJsonObject().getAsJsonObject("occurrence").get("every").getAsString());
    }
    assertEquals(0, answer.getAsJsonArray("skipped").size());
  }
}
