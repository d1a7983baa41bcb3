package org.hosthog.server;

import java.util.List;
import org.hosthog.api.spi.FleetHost;

/**
 * The server's few HTML pages, until the web calendar replaces the home page. Everything shown is
 * escaped: host and user names come from other machines and people.
 */
final class Pages {
  private Pages() {}

  static String message(String title, String text) {
    return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(text) + "</p>");
  }

  static String home(String user, List<FleetHost> hosts) {
    StringBuilder rows = new StringBuilder();
    for (FleetHost h : hosts) {
      rows.append("<tr><td>")
          .append(escape(h.host()))
          .append("</td><td>")
          .append(h.online() ? "online" : "offline")
          .append("</td><td>")
          .append(
              escape(String.join(" ", h.freeNow().stream().map(FleetHost.Free::resource).toList())))
          .append("</td></tr>\n");
    }
    return page(
        "hosthog fleet",
        "<h1>hosthog fleet</h1>\n<p>Logged in as <span id=\"user\">"
            + escape(user)
            + "</span>.</p>\n<table>\n<tr><th>Host</th><th>State</th><th>Free now</th></tr>\n"
            + rows
            + "</table>");
  }

  private static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title></head>\n<body>\n"
        + body
        + "\n</body></html>\n";
  }

  /** {@code s} as HTML text: never markup, whatever it holds. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
