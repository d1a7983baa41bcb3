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
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8",
          "vendor/vis-timeline-graph2d.min.js", "text/javascript; charset=utf-8",
          "vendor/vis-timeline-graph2d.min.css", "text/css; charset=utf-8",
          "stats.html", "text/html; charset=utf-8",
          "stats.js", "text/javascript; charset=utf-8",
          "vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8",
          "vendor/uPlot.min.css", "text/css; charset=utf-8");
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private WebAssets() {}

  public static void serve(Exchange x, String name) {
    String type = TYPES.get(name);
    if (type == null) {
      throw ApiError.notFound("no such file: /static/" + org.hosthog.api.Text.sanitize(name));
    }
    x.send(200, type, CACHE.computeIfAbsent(name, WebAssets::load));
  }

  private static byte[] load(String name) {
    try (InputStream in = WebAssets.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the page's file " + name + " is missing from the server's jar; rebuild it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
