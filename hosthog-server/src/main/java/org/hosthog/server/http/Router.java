package org.hosthog.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Text;

/**
 * The server's routes as one table: method, path pattern, endpoint. The first route whose method
 * and pattern match serves the request; none matching is a 404 naming what was asked.
 *
 * <p>Patterns are paths with {@code {name}} for one segment (also inside one, as in {@code
 * /feed/{token}.ics}) and {@code {name...}} for the rest of the path. Trailing slashes are ignored.
 *
 * <p>Every failure is answered as JSON with a message a person can act on ({@link ApiError}); a bug
 * is a 500 and is logged; nothing a client sends stops the server serving others.
 */
public final class Router extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  /** Serves one request; {@code path} holds the pattern's parameters by name. */
  @FunctionalInterface
  public interface Endpoint {
    void serve(Exchange x, Map<String, String> path);
  }

  /**
   * Told of every request once it was answered (for metrics), by route: {@code "GET
   * /api/v1/hosts"}, the pattern of the route that served it ({@code other} when none did) after a
   * method of {@link #METHODS} ({@code OTHER} for any other). Nothing a client sends becomes a
   * label.
   */
  @FunctionalInterface
  public interface Observer {
    void served(String route, int status, long nanos);
  }

  /** The methods a route label names; any other is {@code OTHER}. */
  public static final java.util.Set<String> METHODS =
      java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /**
   * One row of the table; method {@code *} matches any (the endpoint then checks it). The regex and
   * the parameter names are the pattern's, made once in {@link #of}.
   */
  public record Route(
      String method, String pattern, Endpoint endpoint, Pattern regex, List<String> names) {
    public Route {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(endpoint, "endpoint");
      names = List.copyOf(names);
    }

    public static Route of(String method, String pattern, Endpoint endpoint) {
      List<String> names = new ArrayList<>();
      Matcher n = Pattern.compile("\\{(\\w+)").matcher(pattern);
      while (n.find()) {
        names.add(n.group(1));
      }
      return new Route(method, pattern, endpoint, compile(pattern), names);
    }

    private static Pattern compile(String pattern) {
      StringBuilder re = new StringBuilder();
      Matcher m = Pattern.compile("\\{(\\w+)(\\.\\.\\.)?}").matcher(pattern);
      int at = 0;
      while (m.find()) {
        re.append(Pattern.quote(pattern.substring(at, m.start())));
        re.append("(?<").append(m.group(1)).append(m.group(2) == null ? ">[^/]+)" : ">.+)");
        at = m.end();
      }
      return Pattern.compile(re.append(Pattern.quote(pattern.substring(at))).toString());
    }
  }

  public static Route get(String pattern, Endpoint endpoint) {
    return Route.of("GET", pattern, endpoint);
  }

  public static Route post(String pattern, Endpoint endpoint) {
    return Route.of("POST", pattern, endpoint);
  }

  private final List<Route> routes;
  private final Observer observer;

  public Router(List<Route> routes, Observer observer) {
    this.routes = List.copyOf(routes);
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** The table, in the order it is tried. */
  public List<Route> routes() {
    return routes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange x = new Exchange(request, response, callback);
    long started = System.nanoTime();
    String method = METHODS.contains(x.method()) ? x.method() : "OTHER";
    String[] route = {method + " other"};
    try {
      dispatch(x, matched -> route[0] = method + " " + matched.pattern());
    } catch (ApiError e) {
      x.error(e);
    } catch (HosthogException e) {
      x.error(new ApiError(502, "bad_gateway", e.getMessage()));
    } catch (RuntimeException e) { // the route, never the path: login and feed tokens are in paths
      LOG.log(System.Logger.Level.ERROR, route[0] + " failed", e);
      x.error(new ApiError(500, "internal", "the server failed; its log says why"));
    }
    observer.served(route[0], response.getStatus(), System.nanoTime() - started);
    return true;
  }

  private void dispatch(Exchange x, java.util.function.Consumer<Route> matched) {
    String path = x.path().length() > 1 ? x.path().replaceAll("/+$", "") : x.path();
    for (Route r : routes) {
      if (!r.method().equals("*") && !r.method().equals(x.method())) {
        continue;
      }
      Matcher m = r.regex().matcher(path);
      if (m.matches()) {
        matched.accept(r);
        r.endpoint().serve(x, parameters(r.names(), m));
        return;
      }
    }
    throw ApiError.notFound(
        "no such resource: "
            + Text.sanitize(x.method() + " " + x.path())
            + " (the API is under /api/v1)");
  }

  private static Map<String, String> parameters(List<String> names, Matcher m) {
    Map<String, String> values = new java.util.HashMap<>();
    names.forEach(name -> values.put(name, m.group(name)));
    return values;
  }
}
