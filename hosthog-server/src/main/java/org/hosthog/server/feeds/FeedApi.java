package org.hosthog.server.feeds;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Router;
import org.hosthog.server.identity.Identity;
import org.hosthog.server.identity.Identity.WebUser;

/**
 * Calendar feeds: {@code GET /feed/{token}.ics} (the token in the URL is the only key, so calendar
 * apps can subscribe) and the user's own feed URL, made, replaced or revoked.
 */
public final class FeedApi {
  private final ServerConfig config;
  private final FleetDb db;
  private final Clock clock;
  private final Identity identity;

  public FeedApi(ServerConfig config, FleetDb db, Clock clock, Identity identity) {
    this.config = config;
    this.db = db;
    this.clock = clock;
    this.identity = identity;
  }

  public List<Router.Route> routes() {
    return List.of(
        Router.get("/feed/{token}.ics", (x, p) -> feed(x, p.get("token"))),
        Router.post("/api/v1/me/feed", (x, p) -> myFeed(x, true)),
        Router.Route.of("DELETE", "/api/v1/me/feed", (x, p) -> myFeed(x, false)));
  }

  /** A calendar feed of one user's reservations; the token in its URL is the only key. */
  private void feed(Exchange x, String token) {
    String user =
        db.feeds()
            .feedOwner(Secrets.hash(token))
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "no such calendar feed (it may have been replaced or revoked); make a new"
                            + " one on the web page"));
    Instant now = clock.instant();
    List<ReplicaRows.Stored> mine =
        db.replica()
            .reservations(
                new ReplicaRows.Filter(
                    Optional.empty(),
                    Optional.of(user),
                    Optional.of(now.minus(Duration.ofDays(30))),
                    Optional.empty(),
                    false));
    x.send(200, "text/calendar; charset=utf-8", ICalendarFeed.of(user, mine, now));
  }

  /** Makes (or replaces) the caller's feed URL, or revokes it. */
  private void myFeed(Exchange x, boolean make) {
    WebUser web = identity.webUser(x);
    identity.checkCsrf(x, web);
    if (!make) {
      db.feeds().revokeFeed(web.user());
      x.json(200, "{}");
      return;
    }
    String token = Secrets.newToken();
    db.feeds().replaceFeed(web.user(), Secrets.hash(token), clock.instant());
    JsonObject o = new JsonObject();
    o.addProperty("url", config.publicUrl().resolve("feed/" + token + ".ics").toString());
    x.json(200, o.toString());
  }
}
