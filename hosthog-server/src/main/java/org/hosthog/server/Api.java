package org.hosthog.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.feeds.FeedApi;
import org.hosthog.server.http.Router;
import org.hosthog.server.identity.Identity;
import org.hosthog.server.link.LinkApi;
import org.hosthog.server.relay.Hub;
import org.hosthog.server.statistics.Metrics;
import org.hosthog.server.statistics.UsageApi;
import org.hosthog.server.web.HostChanges;
import org.hosthog.server.web.WebApi;

/**
 * The server's HTTP surface as one route table, put together from its audiences: host daemons
 * ({@link LinkApi}), web pages and scripts ({@link WebApi}, {@link HostChanges}), logging in
 * ({@link Identity}), calendar apps ({@link FeedApi}), statistics and the scraper. {@code
 * docs/http-api.md} lists every route (a test keeps it so).
 */
final class Api {
  private Api() {}

  /** The handler Jetty runs: every route, and the metrics of every request. */
  static Router router(ServerConfig config, FleetDb db, Hub hub, Clock clock) {
    Metrics metrics = new Metrics(db, clock);
    return new Router(routes(config, db, hub, clock, metrics), metrics::observe);
  }

  /** The route table, in the order it is tried. Making it touches nothing (no database). */
  static List<Router.Route> routes(
      ServerConfig config, FleetDb db, Hub hub, Clock clock, Metrics metrics) {
    Identity identity = new Identity(config, db, clock, session -> hub.sessionEnded(session));
    UsageApi usage = new UsageApi(db, config.zone(), clock);
    List<Router.Route> routes = new ArrayList<>();
    routes.addAll(identity.routes());
    routes.addAll(new WebApi(config, db, hub, clock, identity).routes());
    routes.addAll(new LinkApi(config, db, hub, clock, identity).routes());
    routes.add(
        Router.get(
            "/metrics",
            (x, p) -> {
              identity.scraper(x);
              x.send(200, Metrics.contentType(), metrics.scrape());
            }));
    routes.add(
        Router.get(
            "/api/v1/usage",
            (x, p) -> {
              identity.reader(x);
              usage.serve(x);
            }));
    routes.addAll(new FeedApi(config, db, clock, identity).routes());
    routes.addAll(new HostChanges(config, db, hub, clock, identity).routes());
    return routes;
  }
}
