package org.hosthog.launcher.it;

import static org.hosthog.launcher.it.Fleet.alpha;
import static org.hosthog.launcher.it.Fleet.beta;
import static org.hosthog.launcher.it.Fleet.claimed;
import static org.hosthog.launcher.it.Fleet.servers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.hosthog.launcher.it.DaemonFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet's web page in a real browser: Debian's chromium, headless, driven by Selenium through
 * Debian's chromedriver, against the {@link Fleet} (two server instances on PostgreSQL, daemons
 * alpha and beta, real users).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebCalendarIT {
  static final String HOSTILE =
      "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>&amp; \u202e";
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealUsers.isRoot(), "creates users and switches to them: run as root (CI does)");
    browser = Browser.open();
    Fleet.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    Fleet.stop();
  }

  /** Logs {@code user} in with the URL {@code hosthog web} printed on {@code host}. */
  static void logIn(DaemonFixture host, String user) throws Exception {
    Result web = host.as(user, "web");
    assertEquals(0, web.exit(), web.toString());
    URI link = URI.create(web.out().strip());
    browser.get(servers.get(0).url().resolve(link.getPath()).toString());
    until(
        () -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertTrue(browser.findElement(By.id("who")).getText().contains(user));
  }

  static void until(java.util.function.BooleanSupplier done) {
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // a page was replaced
        .until(d -> done.getAsBoolean());
  }

  static String bars() {
    return browser.findElements(By.cssSelector(".vis-item")).stream()
        .map(WebElement::getText)
        .collect(Collectors.joining("\n"));
  }

  static String barText() {
    return String.valueOf(
        browser.executeScript(
            "return [...document.querySelectorAll('.vis-item')].map(e => e.textContent).join('\\n')"));
  }

  static String outcome() {
    return browser.findElement(By.id("outcome")).getText();
  }

  /** Claims from now (whatever an earlier selection left in "From") until the form's end. */
  static void claimWithTheForm(String host, String resources, String message) {
    closeDetails();
    browser.executeScript("document.getElementById('c-start').value = ''");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("c-host")))
        .selectByValue(host);
    WebElement r = browser.findElement(By.id("c-resources"));
    r.clear();
    r.sendKeys(resources);
    WebElement m = browser.findElement(By.id("c-message"));
    m.clear();
    m.sendKeys(message);
    browser.findElement(By.cssSelector("#claim-form button[type=submit]")).click();
  }

  @Test
  @Order(1)
  void aliceClaimOnAlphaAppearsWithinSecondsWithoutAReload() throws Exception {
    logIn(beta, "hhbob");
    Object page =
        ((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin");
    claimed(alpha.as("hhalice", "claim", "gpu:0", "--for", "3h", "-m", "alice trains on alpha"));
    // Hosts start collapsed: alpha's row shows when its GPUs are claimed, not the bars
    until(() -> stripOf("alpha").matches("(?s)alpha: 1 of \\d+ GPUs claimed.*"));
    assertEquals(
        true,
        browser.executeScript(
            "return [...document.querySelectorAll('.vis-background .vis-group.host-closed')]"
                + ".some(g => getComputedStyle(g).backgroundImage.includes('linear-gradient'))"),
        "the strip is drawn on the row");
    assertTrue(!bars().contains("alice trains on alpha"), "no bars on a collapsed host");
    expand("alpha");
    until(() -> bars().contains("alice trains on alpha"));
    assertTrue(bars().contains("hhalice"), bars());
    assertEquals("", stripOf("alpha"), "an expanded host shows its bars instead of the strip");
    assertTrue(
        browser.findElement(By.id("legend")).getText().contains("hhalice"),
        "the legend names the owners in view: " + browser.findElement(By.id("legend")).getText());
    assertEquals(
        page,
        ((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin"),
        "no reload");
    long shared =
        claimed(
            alpha.as("hhalice", "claim", "gpu:1", "--shared", "--for", "3h", "-m", "alice shares"));
    until(() -> bars().contains("alice shares"));
    assertEquals("dashed", borderOf("alice shares"), "a shared bar is dashed (and hatched)");
    assertEquals("solid", borderOf("alice trains on alpha"), "an exclusive one is solid");
    assertEquals(0, alpha.as("hhalice", "release", Long.toString(shared)).exit());
    until(() -> !bars().contains("alice shares"));
  }

  /**
   * What {@code host}'s free/busy strip says where a user points at it: its row, in ten minutes (""
   * when it shows nothing there, or the host is expanded).
   */
  static String stripOf(String host) {
    @SuppressWarnings("unchecked")
    List<Number> at =
        (List<Number>)
            browser.executeScript(
                "const row = document.querySelector('.vis-label [data-row=\"' + arguments[0]"
                    + " + '\"]').closest('.vis-label').getBoundingClientRect();"
                    + "const center = document.querySelector('.vis-panel.vis-center')"
                    + ".getBoundingClientRect(); const w = timeline.getWindow();"
                    // ten minutes from now: a pixel is a minute, a claim made now starts at now
                    + "return [center.left + (Date.now() + 600000 - w.start) / (w.end - w.start)"
                    + " * center.width, row.top + row.height / 2];",
                host);
    int x = at.get(0).intValue();
    int y = at.get(1).intValue();
    // moved onto it afresh each time, as the tooltip follows the pointer's moves
    new Actions(browser).moveToLocation(x, y + 2).moveToLocation(x, y).perform();
    WebElement tip = browser.findElement(By.id("strip-tip"));
    return tip.isDisplayed() ? tip.getText() : "";
  }

  /** Opens {@code host}'s rows with its toggle, as a user clicks it. */
  static void expand(String host) {
    WebElement toggle =
        browser.findElement(By.cssSelector("button.toggle[data-host='" + host + "']"));
    if (!"true".equals(toggle.getDomAttribute("aria-expanded"))) {
      toggle.click();
    }
    until(() -> !browser.findElements(By.cssSelector("[data-row^='" + host + "|']")).isEmpty());
  }

  /** The computed top border style of the bar showing {@code text}. */
  static String borderOf(String text) {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript(
                "const bar = [...document.querySelectorAll('.vis-item.vis-range')]"
                    + ".find(e => e.textContent.includes(arguments[0]));"
                    + "return bar ? getComputedStyle(bar).borderTopStyle : 'no bar';",
                text);
  }

  /**
   * Holds Ctrl and drags along {@code row} from {@code fromX} to {@code toX} pixels right of the
   * centre.
   */
  static void selectSpan(String row, int fromX, int toX) {
    WebElement label =
        browser
            .findElement(By.cssSelector("[data-row='" + row + "']"))
            .findElement(
                By.xpath("ancestor::div[contains(concat(' ', @class, ' '), ' vis-label ')]"));
    WebElement centre = browser.findElement(By.cssSelector(".vis-panel.vis-center"));
    Rectangle l = label.getRect();
    Rectangle c = centre.getRect();
    int dy = (l.getY() + l.getHeight() / 2) - (c.getY() + c.getHeight() / 2);
    new Actions(browser)
        .keyDown(Keys.CONTROL)
        .moveToElement(centre, fromX, dy)
        .clickAndHold()
        .moveByOffset(20, 0)
        .moveByOffset((toX - fromX - 20) / 2, 0)
        .moveByOffset(toX - fromX - 20 - (toX - fromX - 20) / 2, 0)
        .release()
        .keyUp(Keys.CONTROL)
        .perform();
  }

  @Test
  @Order(2)
  void bobSelectsASpanOnBetasGpu1AndTheClaimLandsOnBeta() throws Exception {
    expand("beta");
    selectSpan("beta|gpu:1", 100, 300);
    until(() -> outcome().startsWith("Selected gpu:1 on beta"));
    assertEquals("beta", browser.findElement(By.id("c-host")).getDomProperty("value"));
    assertEquals("gpu:1", browser.findElement(By.id("c-resources")).getDomProperty("value"));
    browser.findElement(By.id("c-message")).sendKeys("bob from the browser", Keys.ENTER);
    until(() -> outcome().startsWith("Claimed gpu:1 on beta"));
    assertEquals(
        "",
        browser.findElement(By.id("c-message")).getDomProperty("value"),
        "the form is ready for the next claim's own words");
    until(() -> bars().contains("bob from the browser"));
    Result list = beta.as("hhbob", "list");
    assertTrue(list.out().contains("bob from the browser"), list.toString());
    assertTrue(
        browser.findElement(By.id("mine-list")).getText().contains("bob from the browser"),
        "my reservations lists it");
    JsonObject bobs = reservationOf(beta, "hhbob", "bob from the browser");
    Instant start = OffsetDateTime.parse(bobs.get("start").getAsString()).toInstant();
    Instant end = OffsetDateTime.parse(bobs.get("end").getAsString()).toInstant();
    if (java.time.LocalDate.ofInstant(start, java.time.ZoneId.systemDefault())
        .equals(
            java.time.LocalDate
                .now())) { // the motd shows today; late in the day it starts tomorrow
      Fleet.waitUntil(Duration.ofSeconds(10), () -> motdContains("bob from the browser"));
    }
    // The view spans 12 h over the centre panel; the selection began right of its middle (now + 4
    // h)
    assertTrue(start.isAfter(Instant.now().plusSeconds(3600)), "starts where selected: " + bobs);
    assertTrue(end.isAfter(start.plusSeconds(1800)), "ends where the drag ended: " + bobs);
  }

  static JsonObject reservationOf(DaemonFixture host, String user, String message)
      throws Exception {
    Result list = host.as(user, "list", "--json");
    assertEquals(0, list.exit(), list.toString());
    for (var e : JsonParser.parseString(list.out()).getAsJsonArray()) {
      if (e.getAsJsonObject().get("message").getAsString().equals(message)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no reservation '" + message + "' in " + list.out());
  }

  @Test
  @Order(3)
  void bobReachesHisBarWithTheKeyboardAndEditsItsMessage() throws Exception {
    JavascriptExecutor js = browser;
    js.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
    boolean reached = false;
    for (int i = 0; i < 80 && !reached; i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      reached =
          (Boolean)
              js.executeScript(
                  "const e = document.activeElement; return e.closest('.vis-item') !== null"
                      + " && e.textContent.includes('bob from the browser')");
    }
    assertTrue(reached, "Tab reaches bob's bar");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    until(() -> browser.findElement(By.id("d-title")).getText().startsWith("beta #"));
    assertEquals("d-heading", js.executeScript("return document.activeElement.id"));
    assertTrue(browser.findElement(By.id("d-actions")).isDisplayed(), "bob may change his own");
    WebElement message = browser.findElement(By.id("e-message"));
    message.clear();
    message.sendKeys("bob edited on the page", Keys.ENTER);
    until(() -> outcome().startsWith("Changed beta #"));
    until(() -> bars().contains("bob edited on the page"));
    assertEquals(
        "bob edited on the page",
        reservationOf(beta, "hhbob", "bob edited on the page").get("message").getAsString());
    String history = browser.findElement(By.id("d-history")).getText();
    assertTrue(history.contains("(via web)"), history);
    assertTrue(
        !history.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:.*")
            && !history.matches("(?s).*:\\d\\d:\\d\\d.*"),
        "times as the locale writes them, to the minute, no raw instants: " + history);
    closeDetails();

    // Claiming by keyboard: a row's label, Enter, then the message
    js.executeScript("document.querySelector(\"[data-row='beta|gpu:3']\").focus()");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    until(() -> outcome().startsWith("Selected gpu:3 on beta"));
    assertEquals("c-message", js.executeScript("return document.activeElement.id"));
    new Actions(browser).sendKeys("bob by keyboard", Keys.ENTER).perform();
    until(() -> outcome().startsWith("Claimed gpu:3 on beta"));
    JsonObject typed = reservationOf(beta, "hhbob", "bob by keyboard");
    assertEquals(
        Duration.ofHours(2),
        Duration.between(
            OffsetDateTime.parse(typed.get("start").getAsString()),
            OffsetDateTime.parse(typed.get("end").getAsString())));
    assertEquals(0, beta.as("hhbob", "release", typed.get("id").getAsString()).exit());
  }

  @Test
  @Order(4)
  void bobDragsHisBarLaterAndResizesItAndAMoveIntoAConflictIsUndone() throws Exception {
    JsonObject before = reservationOf(beta, "hhbob", "bob edited on the page");
    Instant start = OffsetDateTime.parse(before.get("start").getAsString()).toInstant();
    Instant end = OffsetDateTime.parse(before.get("end").getAsString()).toInstant();
    int hour =
        browser.findElement(By.cssSelector(".vis-panel.vis-center")).getRect().getWidth() / 12;
    barOf("bob edited on the page").click(); // a selected bar can be dragged
    new Actions(browser)
        .clickAndHold(barOf("bob edited on the page"))
        .moveByOffset(10, 0)
        .moveByOffset(hour - 10, 0)
        .release()
        .perform();
    until(() -> outcome().startsWith("Moved beta #"));
    JsonObject moved = reservationOf(beta, "hhbob", "bob edited on the page");
    Instant movedStart = OffsetDateTime.parse(moved.get("start").getAsString()).toInstant();
    Instant movedEnd = OffsetDateTime.parse(moved.get("end").getAsString()).toInstant();
    long minutes = Duration.between(start, movedStart).toMinutes();
    assertTrue(minutes >= 45 && minutes <= 75, "moved about an hour later: " + minutes + " min");
    assertEquals(0, movedStart.atZone(java.time.ZoneId.systemDefault()).getMinute() % 5, "snapped");
    assertEquals(
        Duration.between(start, end), Duration.between(movedStart, movedEnd), "same length");

    WebElement rightEdge =
        barOf("bob edited on the page").findElement(By.cssSelector(".vis-drag-right"));
    new Actions(browser)
        .clickAndHold(rightEdge)
        .moveByOffset(10, 0)
        .moveByOffset(hour / 2 - 10, 0)
        .release()
        .perform();
    until(
        () -> {
          try {
            JsonObject r = reservationOf(beta, "hhbob", "bob edited on the page");
            return !OffsetDateTime.parse(r.get("end").getAsString()).toInstant().equals(movedEnd);
          } catch (Exception e) {
            return false;
          }
        });
    JsonObject resized = reservationOf(beta, "hhbob", "bob edited on the page");
    assertEquals(
        movedStart,
        OffsetDateTime.parse(resized.get("start").getAsString()).toInstant(),
        "resizing the end keeps the start");
    Instant resizedEnd = OffsetDateTime.parse(resized.get("end").getAsString()).toInstant();

    // alice claims gpu:1 from an hour after bob's end: moving bob's bar 90 min later is refused
    long in = Duration.between(Instant.now(), resizedEnd).toMinutes() + 60;
    long alices =
        claimed(
            beta.as(
                "hhalice", "claim", "gpu:1", "--in", in + "m", "--for", "2h", "-m", "alice later"));
    until(() -> bars().contains("alice later"));
    barOf("bob edited on the page").click();
    new Actions(browser)
        .clickAndHold(barOf("bob edited on the page"))
        .moveByOffset(10, 0)
        .moveByOffset(hour * 3 / 2 - 10, 0)
        .release()
        .perform();
    until(() -> outcome().contains("conflicts with reservation"));
    assertTrue(outcome().contains("alice later"), "the host's words name what is in the way");
    assertEquals(
        movedStart,
        OffsetDateTime.parse(
                reservationOf(beta, "hhbob", "bob edited on the page").get("start").getAsString())
            .toInstant(),
        "nothing moved on the host");
    assertEquals(0, beta.as("hhalice", "release", Long.toString(alices)).exit());
    until(() -> !bars().contains("alice later"));
  }

  /** Closes the details popover, if open, as a user does before reaching the form under it. */
  static void closeDetails() {
    if (browser.findElement(By.id("details")).isDisplayed()) {
      browser.findElement(By.id("d-close")).click();
    }
  }

  /** The bar showing {@code text}. */
  static WebElement barOf(String text) {
    return browser.findElements(By.cssSelector(".vis-item.vis-range")).stream()
        .filter(e -> e.getText().contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no bar '" + text + "' in " + bars()));
  }

  @Test
  @Order(5)
  void aConflictingClaimShowsAlicesReservationAsTheReason() {
    claimWithTheForm("alpha", "gpu:0", "bob wants gpu 0");
    until(() -> outcome().contains("conflicts with reservation") && outcome().contains("alpha #"));
    assertTrue(
        outcome().contains("in the way: alpha #") && outcome().contains("of hhalice"), outcome());
    assertTrue(outcome().contains("alice trains on alpha"), outcome());
    assertTrue(!bars().contains("bob wants gpu 0"), "nothing was claimed");
  }

  @Test
  @Order(6)
  void bobSeesNoReleaseButtonOnAlicesReservationAndAForgedDeleteIsRefused() {
    WebElement alices =
        browser.findElements(By.cssSelector(".vis-item")).stream()
            .filter(e -> e.getText().contains("alice trains on alpha"))
            .findFirst()
            .orElseThrow();
    alices.click();
    until(() -> browser.findElement(By.id("d-title")).getText().startsWith("alpha #"));
    assertTrue(!browser.findElement(By.id("d-actions")).isDisplayed(), "no actions on alice's");
    assertTrue(
        browser.findElement(By.id("d-nobody")).getText().startsWith("Only hhalice or an admin"),
        "says who may");
    String id = browser.findElement(By.id("d-title")).getText().replaceAll("alpha #(\\d+).*", "$1");
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/hosts/alpha/reservations/"
                    + id
                    + "', {method: 'DELETE',"
                    + " headers: {'X-CSRF-Token': document.cookie.match(/hosthog_csrf=([^;]*)/)[1]}})"
                    + ".then(r => done(r.status));");
    assertEquals(403L, status, "bob's own session, right token: still not his reservation");
    Object forged =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/hosts/alpha/reservations/"
                    + id
                    + "', {method: 'DELETE'})"
                    + ".then(r => done(r.status));");
    assertEquals(403L, forged, "no CSRF token");
  }

  @Test
  @Order(7)
  void aHostileMessageIsShownAsText() throws Exception {
    claimed(alpha.as("hhalice", "claim", "fpga0", "--for", "2h", "-m", HOSTILE));
    until(() -> bars().contains("<script>window.pwned=2</script>"));
    assertEquals(
        0L,
        ((JavascriptExecutor) browser)
            .executeScript(
                "return document.querySelectorAll('#timeline img, #timeline script').length"));
    assertEquals(
        null,
        ((JavascriptExecutor) browser)
            .executeScript("return window.pwned === undefined ? null : window.pwned"));
  }

  @Test
  @Order(8)
  void bobGetsACalendarFeedOfHisReservations() throws Exception {
    browser.findElement(By.id("feed-make")).click();
    until(() -> browser.findElement(By.id("feed-url")).isDisplayed());
    String url = browser.findElement(By.id("feed-url")).getDomProperty("value");
    java.net.http.HttpResponse<String> feed =
        Fleet.HTTP.send(
            java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, feed.statusCode());
    assertTrue(feed.body().contains("bob edited on the page"), feed.body());
    assertTrue(!feed.body().contains("alice trains"), "only bob's: " + feed.body());
  }

  @Test
  @Order(8)
  void bobMakesADailySeriesWithTheFormAndReleasesItFromThePage() throws Exception {
    closeDetails();
    // five hours from now, for an hour, every day, three times
    browser.executeScript(
        "document.getElementById('c-start').value = localInput(new Date(Date.now() + 5 * 3600000));"
            + "document.getElementById('c-end').value = localInput(new Date(Date.now() + 6 * 3600000));");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("c-host")))
        .selectByValue("beta");
    WebElement resources = browser.findElement(By.id("c-resources"));
    resources.clear();
    resources.sendKeys("gpu:3");
    WebElement message = browser.findElement(By.id("c-message"));
    message.clear();
    message.sendKeys("bob's nightly");
    assertTrue(!browser.findElement(By.id("c-count")).isEnabled(), "no count for a single claim");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("c-every")))
        .selectByValue("day");
    WebElement times = browser.findElement(By.id("c-count"));
    times.clear();
    times.sendKeys("3");
    browser.findElement(By.cssSelector("#claim-form button[type=submit]")).click();
    until(() -> outcome().startsWith("Claimed gpu:3 on beta every day, 3 times: reservations "));
    List<String> ids = new java.util.ArrayList<>();
    for (var e :
        JsonParser.parseString(beta.as("hhbob", "list", "--json").out()).getAsJsonArray()) {
      JsonObject r = e.getAsJsonObject();
      if (r.get("message").getAsString().equals("bob's nightly")) {
        assertTrue(r.has("series"), "one series on the host: " + r);
        ids.add(r.get("id").getAsString());
      }
    }
    assertEquals(3, ids.size(), "three occurrences on beta");
    assertEquals(
        "Claimed gpu:3 on beta every day, 3 times: reservations " + String.join(", ", ids) + ".",
        outcome());
    assertEquals("", browser.findElement(By.id("c-every")).getDomProperty("value"), "reset");
    until(() -> barText().contains("bob's nightly"));
    WebElement bar =
        (WebElement)
            browser.executeScript(
                "return [...document.querySelectorAll('.vis-item.vis-range')]"
                    + ".find(e => e.textContent.includes(\"bob's nightly\"))");
    assertTrue(bar.getText().contains("↻"), "marked as part of a series: " + bar.getText());
    closeDetails();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", bar);
    bar.click();
    until(() -> browser.findElement(By.id("d-fields")).getText().contains("1 of 3, every day"));
    assertEquals("Release this one", browser.findElement(By.id("d-release")).getText());
    browser.findElement(By.id("d-release-later")).click();
    until(() -> outcome().startsWith("Released beta #" + ids.get(0) + " and 2 later occurrences"));
    Result all = beta.as("hhbob", "list", "--all", "--json", "--limit", "0");
    List<String> states = new java.util.ArrayList<>();
    for (var e : JsonParser.parseString(all.out()).getAsJsonArray()) {
      if (ids.contains(e.getAsJsonObject().get("id").getAsString())) {
        states.add(e.getAsJsonObject().get("state").getAsString());
      }
    }
    assertEquals(List.of("released", "released", "released"), states);
    until(() -> !barText().contains("bob's nightly"));
    closeDetails();
  }

  @Test
  @Order(9)
  void onAPhoneWidthScreenBobReadsTheBarsAndClaimsWithTheForm() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      browser.navigate().refresh();
      until(
          () ->
              "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
      // The bars are narrow here: their text is in the DOM (and clipped on screen)
      until(() -> barText().contains("alice trains on alpha"));
      assertTrue(
          browser.findElement(By.id("mine-list")).getText().contains("bob edited on the page"));
      claimWithTheForm("beta", "gpu:2", "bob from his phone");
      until(() -> outcome().startsWith("Claimed gpu:2 on beta"));
      long id = reservationOf(beta, "hhbob", "bob from his phone").get("id").getAsLong();
      until(() -> barText().contains("bob from his phone"));
      browser.executeScript(
          "[...document.querySelectorAll('.vis-item.vis-range [role=button]')]"
              + ".find(e => e.textContent.includes('bob from his phone')).focus()");
      new Actions(browser).sendKeys(Keys.ENTER).perform();
      until(() -> browser.findElement(By.id("d-title")).getText().startsWith("beta #" + id));
      assertEquals(
          Boolean.TRUE,
          browser.executeScript(
              "const d = document.getElementById('details'); const r = d.getBoundingClientRect();"
                  + "return d.classList.contains('sheet') && r.left >= 0"
                  + " && r.right <= document.documentElement.clientWidth + 1;"),
          "the details open as a sheet inside the screen");
      browser.findElement(By.id("d-release")).click();
      until(() -> outcome().startsWith("Released beta #" + id));
      Object overflow =
          browser.executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0L, overflow, "nothing wider than the screen");
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 800));
    }
    browser.navigate().refresh();
    until(
        () -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    until(() -> bars().contains("alice trains on alpha"));
  }

  @Test
  @Order(10)
  void theBrowserLoggedNoErrorsAndTheTimelineIsPhotographed() throws Exception {
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    assertEquals(
        List.of("hhalice", "hhbob"),
        browser.executeScript(
            "const colour = {};"
                + "for (const bar of document.querySelectorAll('.vis-item.vis-range')) {"
                + "  const owner = bar.querySelector('strong').textContent;"
                + "  colour[owner] = getComputedStyle(bar).backgroundColor; }"
                + "const vis = 'rgb(213, 221, 246)';"
                + "return Object.keys(colour).sort().filter(o => colour[o] !== vis"
                + "  && Object.keys(colour).every(p => p === o || colour[p] !== colour[o]));"),
        "each owner has a colour of their own, not the library's default");
    Path shot = Path.of("target", "web-calendar.png");
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    // Week and Month: the wider window is loaded and drawn, without the library's warnings
    for (String days : List.of("7", "31", "1")) {
      browser.findElement(By.cssSelector(".zoom button[data-days='" + days + "']")).click();
      until(
          () ->
              browser.findElement(By.tagName("body")).getDomAttribute("data-loading") == null
                  && (Boolean)
                      browser.executeScript(
                          "const w = timeline.getWindow();"
                              + " return Math.abs((w.end - w.start) / 86400000 - arguments[0]) < 0.01"
                              + " && state.loaded.from <= w.start && state.loaded.to >= w.end",
                          Integer.parseInt(days)));
      // a short bar's text may be clipped at a wide zoom, so read what it holds, not what shows
      until(() -> barText().contains("alice trains on alpha"));
    }
    List<LogEntry> errors =
        Browser.errors(browser).stream()
            .filter(e -> !e.getMessage().contains("status of 403")) // the forged DELETEs above
            .filter(e -> !e.getMessage().contains("status of 409")) // the refused claim above
            .toList();
    assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList());
    Object policy =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/').then(r => done(r.headers.get('content-security-policy')));");
    assertTrue(
        String.valueOf(policy).contains("script-src 'self';"), "no inline scripts: " + policy);
  }

  @Test
  @Order(11)
  void anAdminOfAlphaReleasesAlicesReservationFromThePage() throws Exception {
    logIn(alpha, "hhcarol");
    assertTrue(
        browser.findElement(By.id("who")).getText().contains("(admin of alpha)"),
        "carol is in hhadmins, the hosts' admin group, and logged in through alpha (beta did not"
            + " vouch for this login): "
            + browser.findElement(By.id("who")).getText());
    until(() -> bars().contains("alice trains on alpha"));
    browser.findElements(By.cssSelector(".vis-item")).stream()
        .filter(e -> e.getText().contains("alice trains on alpha"))
        .findFirst()
        .orElseThrow()
        .click();
    until(() -> browser.findElement(By.id("d-title")).getText().startsWith("alpha #"));
    assertTrue(browser.findElement(By.id("d-actions")).isDisplayed(), "offered to alpha's admin");
    browser.findElement(By.id("d-release")).click();
    until(() -> outcome().startsWith("Released alpha #"));
    String id = outcome().replaceAll("Released alpha #(\\d+).*", "$1");
    Result show = alpha.as("hhalice", "show", id);
    assertTrue(show.out().contains("hhcarol") && show.out().contains("(via web)"), show.out());
    until(() -> !bars().contains("alice trains on alpha"));
  }

  @Test
  @Order(12)
  void logOutEndsTheSessionOfThisBrowser() throws Exception {
    logIn(alpha, "hhalice");
    browser.findElement(By.id("logout")).click();
    until(() -> browser.findElement(By.tagName("body")).getText().contains("Not logged in"));
    browser.get(servers.get(0).url().resolve("api/v1/me").toString());
    assertTrue(
        browser.findElement(By.tagName("body")).getText().contains("hosthog web"),
        "the session is gone: " + browser.findElement(By.tagName("body")).getText());
  }

  private static boolean motdContains(String text) {
    try {
      return Files.readString(beta.motd()).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
