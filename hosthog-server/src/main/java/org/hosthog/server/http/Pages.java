package org.hosthog.server.http;

/** The server's messages as HTML pages (not logged in, link used). Everything shown is escaped. */
public final class Pages {
  private Pages() {}

  public static String message(String title, String text) {
    return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(text) + "</p>");
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
  public static String escape(String s) {
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
