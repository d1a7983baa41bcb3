package org.hosthog.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page's files, from this module's resources: the page, its script and style, and the
 * libraries vendored from npm at build time ({@code web/package-lock.json}). Only the files listed
 * here are served.
 */
public final class WebAssets {
  /** Where the build puts them (an absolute resource name: this class is not in that package). */
  private static final String FOLDER = "/org/hosthog/server/web/";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("index.html", "text/html; charset=utf-8"),
          Map.entry("app.js", "text/javascript; charset=utf-8"),
          Map.entry("timeline.js", "text/javascript; charset=utf-8"),
          Map.entry("strips.js", "text/javascript; charset=utf-8"),
          Map.entry("app.css", "text/css; charset=utf-8"),
          Map.entry("vendor/vis-timeline-graph2d.min.js", "text/javascript; charset=utf-8"),
          Map.entry("vendor/vis-timeline-graph2d.min.css", "text/css; charset=utf-8"),
          Map.entry("stats.html", "text/html; charset=utf-8"),
          Map.entry("stats.js", "text/javascript; charset=utf-8"),
          Map.entry("vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
          Map.entry("vendor/uPlot.min.css", "text/css; charset=utf-8"));

  /** A file as read, and gzipped once for the browsers that accept it. */
  private record Asset(byte[] raw, byte[] gzipped) {}

  private static final Map<String, Asset> CACHE = new ConcurrentHashMap<>();

  private WebAssets() {}

  public static void serve(Exchange x, String name) {
    String type = TYPES.get(name);
    if (type == null) {
      throw ApiError.notFound("no such file: /static/" + org.hosthog.api.Text.sanitize(name));
    }
    Asset asset = CACHE.computeIfAbsent(name, WebAssets::load);
    x.send(200, type, asset.raw(), asset.gzipped());
  }

  private static Asset load(String name) {
    try (InputStream in = WebAssets.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the page's file " + name + " is missing from the server's jar; rebuild it");
      }
      byte[] raw = in.readAllBytes();
      return new Asset(raw, Exchange.gzip(raw));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
