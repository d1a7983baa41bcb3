package org.hosthog.server.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hosthog.server.config.Secrets;
import org.hosthog.server.config.ServerConfig;
import org.hosthog.server.database.FleetDb;
import org.hosthog.server.database.Sessions;
import org.hosthog.server.http.ApiError;
import org.hosthog.server.http.Exchange;
import org.hosthog.server.http.Pages;
import org.hosthog.server.http.Router;
import org.hosthog.server.http.WebAssets;

/**
 * Who is asking: a web user (their session, or a trusted proxy's header), a host daemon (its
 * token), a scraper (its address). Also starts sessions, from a one-time login link.
 *
 * <p>Thread-safe; all state is in the fleet database, so a session holds on every instance.
 */
public final class Identity {
  public static final String SESSION_COOKIE = "hosthog_session";
  public static final String CSRF_COOKIE = "hosthog_csrf";

  /** A Unix user name as the web and the link accept it. */
  public static final String USER_NAME = "[A-Za-z0-9._][A-Za-z0-9._@-]{0,63}";

  private final ServerConfig config;
  private final FleetDb db;
  private final Clock clock;
  private final Consumer<String> sessionEnded;

  /**
   * @param sessionEnded told the id hash of a session that logged out (to end its event streams)
   */
  public Identity(ServerConfig config, FleetDb db, Clock clock, Consumer<String> sessionEnded) {
    this.config = config;
    this.db = db;
    this.clock = clock;
    this.sessionEnded = sessionEnded;
  }

  /** The routes of logging in and out: {@code GET /login/{token}}, {@code POST /api/v1/logout}. */
  public List<Router.Route> routes() {
    return List.of(
        Router.get("/login/{token}", (x, p) -> login(x, p.get("token"))),
        Router.post("/api/v1/logout", (x, p) -> logout(x)));
  }

  /**
   * {@code user} if it is a Unix user name the web may act as: not root (root of one host is nobody
   * special on another), not a number (a uid is not a name).
   *
   * @throws ApiError 400 saying why not
   */
  public static String userName(String user, String where) {
    if (!user.matches(USER_NAME)) {
      throw ApiError.badRequest(where + " must be a Unix user name");
    }
    if (user.equals("root") || user.matches("\\d+")) {
      throw ApiError.badRequest(
          where
              + " names '"
              + user
              + "': the web acts as a user by name, and never as root or as a bare uid");
    }
    return user;
  }

  /** Ends the caller's session and no other; its cookies are cleared. */
  private void logout(Exchange x) {
    WebUser web = webUser(x);
    checkCsrf(x, web);
    db.sessions().end(web.session().idHash());
    sessionEnded.accept(web.session().idHash());
    String gone = "=; Path=/; SameSite=Strict; Max-Age=0";
    x.addCookie(SESSION_COOKIE + gone + "; HttpOnly");
    x.addCookie(CSRF_COOKIE + gone);
    x.send(204, "text/plain; charset=utf-8", new byte[0]);
  }

  /**
   * A logged-in web user: their session, and whether a trusted proxy names them on this request.
   */
  public record WebUser(Sessions.Session session, boolean proxied) {
    public String user() {
      return session.user();
    }

    /** The token every change must repeat in {@code X-CSRF-Token}. */
    public String csrf() {
      return session.csrf();
    }

    /**
     * Whether {@code host} vouched for the user, so its admin groups may count for them: their
     * login link came from it, or a trusted proxy (the lab's single sign-on) names them now. A
     * login minted by one host never makes its user an admin of another.
     */
    public boolean vouchedFor(String host) {
      return proxied || session.host().filter(host::equals).isPresent();
    }
  }

  public WebUser webUser(Exchange x) {
    Optional<Sessions.Session> session =
        x.cookie(SESSION_COOKIE)
            .flatMap(c -> db.sessions().session(Secrets.hash(c), clock.instant()));
    Optional<String> proxied = proxiedUser(x);
    if (proxied.isPresent()) {
      return session
          .filter(s -> s.user().equals(proxied.get()))
          .map(s -> new WebUser(s, true))
          .orElseGet(() -> startSession(x, proxied.get(), Optional.empty()));
    }
    return session
        .map(s -> new WebUser(s, false))
        .orElseThrow(
            () ->
                ApiError.unauthorized(
                    "not logged in (or the session expired): run 'hosthog web' on any enrolled"
                        + " host and open the link it prints"));
  }

  /** The user a trusted proxy's header names, when the request comes from one. */
  private Optional<String> proxiedUser(Exchange x) {
    if (config.trustedUserHeader().isEmpty() || !fromTrustedProxy(x)) {
      return Optional.empty();
    }
    String header = config.trustedUserHeader().get();
    return x.header(header).map(u -> userName(u, "the header " + header));
  }

  /** The host whose token the request carries; 401 otherwise. */
  public String host(Exchange x) {
    String auth = x.header("Authorization").orElse("");
    if (!auth.startsWith("Bearer ") || auth.length() > 200) {
      throw ApiError.unauthorized(
          "a host authenticates with 'Authorization: Bearer TOKEN' (its [sync.fleet] token_file)");
    }
    return db.hosts()
        .hostForToken(Secrets.hash(auth.substring(7).strip()))
        .orElseThrow(
            () ->
                ApiError.unauthorized(
                    "this host token is not enrolled or was revoked; on the server run 'hosthog"
                        + " server enroll HOST' and write the new token to the host's token_file"));
  }

  /** A reader: a web user, or a host daemon (its token). */
  public void reader(Exchange x) {
    if (x.header("Authorization").isPresent()) {
      host(x);
    } else {
      webUser(x);
    }
  }

  /**
   * {@code /metrics} is open to loopback (a scraper on the server's machine) and to {@code
   * metrics_from}; anyone else needs a web session. A request a reverse proxy forwarded is not
   * loopback, whatever address it comes from.
   */
  public void scraper(Exchange x) {
    boolean forwarded =
        x.header("X-Forwarded-For").isPresent() || x.header("Forwarded").isPresent();
    String from = x.remoteAddress();
    boolean allowed =
        !forwarded
            && (ServerConfig.isLoopback(from)
                || config.usage().metricsFrom().stream().anyMatch(a -> sameAddress(a, from)));
    if (!allowed) {
      webUser(x);
    }
  }

  /**
   * Whether the request comes from one of {@code trusted_proxies}: the trusted header is believed
   * from nowhere else (from anyone else it is ignored, so no session: 401).
   */
  private boolean fromTrustedProxy(Exchange x) {
    String from = x.remoteAddress();
    return config.trustedProxies().stream().anyMatch(a -> sameAddress(a, from));
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  public void checkCsrf(Exchange x, WebUser web) {
    String sent = x.header("X-CSRF-Token").orElse("");
    if (!java.security.MessageDigest.isEqual(
        sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        web.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      throw ApiError.forbidden(
          "the X-CSRF-Token header must carry the value of the "
              + CSRF_COOKIE
              + " cookie; nothing was changed");
    }
  }

  /** A new session for {@code user}, whom {@code host} vouched for (empty: the trusted proxy). */
  private WebUser startSession(Exchange x, String user, Optional<String> host) {
    String id = Secrets.newToken();
    String csrf = Secrets.newToken();
    Instant expires = clock.instant().plus(config.sessionLifetime());
    Sessions.Session session = new Sessions.Session(Secrets.hash(id), user, csrf, expires, host);
    db.sessions().createSession(session.idHash(), user, host, csrf, expires);
    long maxAge = config.sessionLifetime().toSeconds();
    boolean secure = config.publicUrl().getScheme().equals("https");
    String attrs = "; Path=/; SameSite=Strict; Max-Age=" + maxAge + (secure ? "; Secure" : "");
    x.addCookie(SESSION_COOKIE + "=" + id + attrs + "; HttpOnly");
    x.addCookie(CSRF_COOKIE + "=" + csrf + attrs);
    return new WebUser(session, host.isEmpty());
  }

  private void login(Exchange x, String token) {
    Sessions.LoginUse use = db.sessions().useLogin(Secrets.hash(token), clock.instant());
    if (use instanceof Sessions.LoginUse.LoggedIn in) {
      startSession(x, in.user(), Optional.of(in.host()));
      x.redirect("/");
      return;
    }
    String why =
        switch ((Sessions.LoginUse.Refused) use) {
          case USED -> "This login link was already used: each works once.";
          case EXPIRED -> "This login link has expired: each works for 5 minutes.";
          case UNKNOWN -> "This is not a login link of this server.";
        };
    x.send(
        401,
        "text/html; charset=utf-8",
        Pages.message("Not logged in", why + " Run 'hosthog web' on a host for a new one."));
  }

  public void page(Exchange x, String file) {
    WebUser web;
    try {
      web = webUser(x);
    } catch (ApiError e) {
      x.send(401, "text/html; charset=utf-8", Pages.message("Not logged in", e.getMessage()));
      return;
    }
    WebAssets.serve(x, file);
  }
}
