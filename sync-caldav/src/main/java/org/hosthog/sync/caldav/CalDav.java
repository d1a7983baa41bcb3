package org.hosthog.sync.caldav;

import static org.hosthog.sync.caldav.Multistatus.CALDAV;
import static org.hosthog.sync.caldav.Multistatus.CALSERVER;
import static org.hosthog.sync.caldav.Multistatus.DAV;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The CalDAV requests sync needs, one method each. Items are named by their href path as the server
 * spells it ({@code /remote.php/dav/calendars/u/c/x.ics}).
 */
final class CalDav {
  private static final String XML = "application/xml; charset=utf-8";
  private static final String ICS = "text/calendar; charset=utf-8";
  private static final String NS =
      " xmlns:D=\"DAV:\" xmlns:C=\"" + CALDAV + "\" xmlns:CS=\"" + CALSERVER + "\"";

  /**
   * Hrefs per calendar-multiget: small enough for any server, few enough requests for 10,000
   * events.
   */
  static final int MULTIGET_BATCH = 250;

  private final DavClient http;

  CalDav(DavClient http) {
    this.http = http;
  }

  /** Which version of the collection the server has: compared with the stored one to skip work. */
  record Version(Optional<String> syncToken, Optional<String> ctag) {}

  /** What changed since a sync token: hrefs with their new ETag, deleted hrefs, the next token. */
  record Changes(
      Map<String, String> changed, List<String> deleted, String token, boolean truncated) {}

  /** An event resource as stored on the server. */
  record Item(String href, String etag, String ics) {}

  /**
   * The server no longer accepts the sync token: list everything again (NOTES-caldav "Sync tokens
   * vanish").
   */
  static final class InvalidSyncToken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSyncToken(String message) {
      super(message);
    }
  }

  /** A conditional write found the resource changed (412): fetch, merge, retry. */
  static final class Stale extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String href;

    Stale(String href) {
      super(href + " changed on the server meanwhile");
      this.href = href;
    }

    String href() {
      return href;
    }
  }

  /**
   * The calendar collection for {@code url}: the URL itself when it is a calendar, else the one
   * calendar (or the one named {@code name}) found through current-user-principal and
   * calendar-home-set (NOTES-caldav pitfall 7: LDAP users have UUIDs in their URL).
   */
  URI discover(URI url, Optional<String> name) {
    Multistatus.Response self =
        propfind(
                url,
                0,
                "<D:resourcetype/><D:current-user-principal/><C:calendar-home-set/><C:supported-calendar-component-set/>"
                    + "<D:current-user-privilege-set/><D:displayname/>")
            .responses()
            .stream()
            .findFirst()
            .orElseThrow(() -> new DavException(0, "PROPFIND " + url + " answered no properties"));
    if (self.has(DAV, "resourcetype", CALDAV, "calendar")) {
      checkUsable(url, self);
      return url;
    }
    URI home =
        self.text(CALDAV, "calendar-home-set").isPresent()
            ? href(url, self, CALDAV, "calendar-home-set")
            : principalHome(url, self);
    List<Multistatus.Response> calendars = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Multistatus.Response r :
        propfind(
                home,
                1,
                "<D:resourcetype/><C:supported-calendar-component-set/><D:current-user-privilege-set/><D:displayname/>")
            .responses()) {
      if (!r.has(DAV, "resourcetype", CALDAV, "calendar")) {
        continue;
      }
      String label = label(r);
      seen.add(label);
      boolean named =
          name.map(
                  n ->
                      n.equals(r.text(DAV, "displayname").orElse(""))
                          || n.equals(segment(r.href())))
              .orElse(true);
      if (named && problem(r).isEmpty()) {
        calendars.add(r);
      }
    }
    if (calendars.size() != 1) {
      throw new DavException(
          0,
          (calendars.isEmpty()
                  ? "found no writable event calendar"
                  : "found " + calendars.size() + " writable event calendars")
              + name.map(n -> " named '" + n + "'").orElse("")
              + " under "
              + home
              + " (calendars there: "
              + (seen.isEmpty() ? "none" : String.join(", ", seen))
              + "); set [sync.caldav] url to the calendar's own URL or name it with calendar = \"...\"");
    }
    return resolve(home, calendars.get(0).href());
  }

  private URI principalHome(URI url, Multistatus.Response self) {
    if (self.text(DAV, "current-user-principal").isEmpty()) {
      throw new DavException(
          0,
          url
              + " is neither a calendar nor a CalDAV server root (no current-user-principal): "
              + "set [sync.caldav] url to the calendar's URL");
    }
    URI principal = href(url, self, DAV, "current-user-principal");
    Multistatus.Response p =
        propfind(principal, 0, "<C:calendar-home-set/>").responses().stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new DavException(
                        0, "the principal " + principal + " has no calendar-home-set"));
    if (p.text(CALDAV, "calendar-home-set").isEmpty()) {
      throw new DavException(
          0, "the principal " + principal + " has no calendar-home-set: is this a CalDAV server?");
    }
    return href(principal, p, CALDAV, "calendar-home-set");
  }

  private static void checkUsable(URI url, Multistatus.Response r) {
    problem(r)
        .ifPresent(
            p -> {
              throw new DavException(
                  0, "the calendar " + url + " " + p + "; choose a writable calendar for events");
            });
  }

  /** Why a calendar cannot hold reservations (read-only birthdays, task lists), if it cannot. */
  private static Optional<String> problem(Multistatus.Response r) {
    Optional<Element> comps = r.prop(CALDAV, "supported-calendar-component-set");
    if (comps.isPresent()
        && Multistatus.children(comps.get(), CALDAV, "comp").stream()
            .noneMatch(c -> "VEVENT".equalsIgnoreCase(c.getAttribute("name")))) {
      return Optional.of("holds no events (VEVENT)");
    }
    Optional<Element> privileges = r.prop(DAV, "current-user-privilege-set");
    if (privileges.isPresent()) {
      boolean write =
          privileges.get().getElementsByTagNameNS(DAV, "write").getLength()
                  + privileges.get().getElementsByTagNameNS(DAV, "write-content").getLength()
                  + privileges.get().getElementsByTagNameNS(DAV, "all").getLength()
              > 0;
      if (!write) {
        return Optional.of("is read-only for this user");
      }
    }
    return Optional.empty();
  }

  /**
   * "Lab servers (lab-servers)": people know the display name, the URL has the segment (pitfall 7).
   */
  private static String label(Multistatus.Response r) {
    String segment = segment(r.href());
    return r.text(DAV, "displayname")
        .filter(n -> !n.equals(segment))
        .map(n -> n + " (" + segment + ")")
        .orElse(segment);
  }

  private static String segment(String href) {
    String h = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    return h.substring(h.lastIndexOf('/') + 1);
  }

  private static URI href(URI base, Multistatus.Response r, String ns, String prop) {
    Element e = r.prop(ns, prop).orElseThrow();
    String h =
        Multistatus.first(e, DAV, "href")
            .map(x -> x.getTextContent().strip())
            .orElse(e.getTextContent().strip());
    return resolve(base, h);
  }

  /** The collection's sync token and ctag: one small request (Depth 0). */
  Version version(URI calendar) {
    Multistatus.Response r =
        propfind(calendar, 0, "<D:sync-token/><CS:getctag/>").responses().stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new DavException(
                        0, "PROPFIND " + calendar.getPath() + " answered no properties"));
    return new Version(r.text(DAV, "sync-token"), r.text(CALSERVER, "getctag"));
  }

  /**
   * One page of RFC 6578 changes since {@code token} ({@code ""} = everything). Never sends {@code
   * <limit>}: Nextcloud answers a top-level 507 to a limit on an initial sync (pitfall 3).
   */
  Changes changesSince(URI calendar, String token) {
    String body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:sync-collection"
            + NS
            + "><D:sync-token>"
            + escape(token)
            + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
    DavClient.Answer a = http.send("REPORT", calendar, Optional.of(body), XML, Map.of());
    if ((a.status() == 403 || a.status() == 409) && a.body().contains("valid-sync-token")) {
      throw new InvalidSyncToken(
          "the server no longer accepts the sync token (" + a.status() + ")");
    }
    Multistatus ms = multistatus("REPORT sync-collection", calendar, a);
    Map<String, String> changed = new LinkedHashMap<>();
    List<String> deleted = new ArrayList<>();
    boolean truncated = false;
    for (Multistatus.Response r : ms.responses()) {
      Optional<String> path = path(calendar, r.href());
      if (path.isEmpty()) {
        continue;
      }
      if (path.get().equals(calendar.getRawPath())) {
        truncated |= r.status() == 507; // "more follows: ask again with the new token"
        continue;
      }
      if (r.status() == 404 || r.status() == 410) {
        deleted.add(path.get());
      } else if (r.status() / 100 == 2) {
        changed.put(path.get(), r.text(DAV, "getetag").orElse(""));
      }
    }
    String next =
        ms.syncToken()
            .orElseThrow(() -> new DavException(0, "the sync-collection answer has no sync-token"));
    return new Changes(changed, deleted, next, truncated);
  }

  /** Every event resource's href and ETag (servers without sync-collection; full resyncs). */
  Map<String, String> etags(URI calendar) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Multistatus.Response r :
        propfind(calendar, 1, "<D:getetag/><D:resourcetype/>").responses()) {
      Optional<String> path = path(calendar, r.href());
      if (path.isEmpty()
          || path.get().equals(calendar.getRawPath())
          || r.has(DAV, "resourcetype", DAV, "collection")) {
        continue;
      }
      out.put(path.get(), r.text(DAV, "getetag").orElse(""));
    }
    return out;
  }

  /** The named events (calendar-multiget); hrefs the server no longer has are left out. */
  List<Item> fetch(URI calendar, List<String> hrefs) {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < hrefs.size(); i += MULTIGET_BATCH) {
      StringBuilder body =
          new StringBuilder(
              "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:calendar-multiget"
                  + NS
                  + "><D:prop><D:getetag/><C:calendar-data/></D:prop>");
      for (String h : hrefs.subList(i, Math.min(hrefs.size(), i + MULTIGET_BATCH))) {
        body.append("<D:href>").append(escape(h)).append("</D:href>");
      }
      body.append("</C:calendar-multiget>");
      DavClient.Answer a =
          http.send("REPORT", calendar, Optional.of(body.toString()), XML, Map.of("Depth", "1"));
      for (Multistatus.Response r :
          multistatus("REPORT calendar-multiget", calendar, a).responses()) {
        Optional<String> path = path(calendar, r.href());
        Optional<String> data = r.prop(CALDAV, "calendar-data").map(Element::getTextContent);
        if (path.isPresent() && r.status() / 100 == 2 && data.isPresent()) {
          out.add(new Item(path.get(), r.text(DAV, "getetag").orElse(""), data.get()));
        }
      }
    }
    return out;
  }

  /**
   * Creates {@code href} only if nothing is there yet ({@code If-None-Match: *}); returns the ETag
   * if the server said.
   */
  Optional<String> create(URI calendar, String href, String ics) {
    return put(calendar, href, ics, Map.of("If-None-Match", "*"));
  }

  /** Replaces {@code href} only if it still has {@code etag}. */
  Optional<String> update(URI calendar, String href, String ics, String etag) {
    return put(calendar, href, ics, etag.isEmpty() ? Map.of() : Map.of("If-Match", etag));
  }

  private Optional<String> put(
      URI calendar, String href, String ics, Map<String, String> condition) {
    DavClient.Answer a =
        http.send("PUT", resolve(calendar, href), Optional.of(ics), ICS, condition);
    if (a.status() == 412) {
      throw new Stale(href);
    }
    check("PUT " + href, a);
    return a.header("ETag"); // Radicale answers 201 to updates, Nextcloud 204: both are fine
  }

  /** Deletes {@code href} if it still has {@code etag}; an href already gone counts as deleted. */
  void delete(URI calendar, String href, String etag) {
    DavClient.Answer a =
        http.send(
            "DELETE",
            resolve(calendar, href),
            Optional.empty(),
            ICS,
            etag.isEmpty() ? Map.of() : Map.of("If-Match", etag));
    if (a.status() == 412) {
      throw new Stale(href);
    }
    if (a.status() != 404 && a.status() != 410) {
      check("DELETE " + href, a);
    }
  }

  private Multistatus propfind(URI uri, int depth, String props) {
    String body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind"
            + NS
            + "><D:prop>"
            + props
            + "</D:prop></D:propfind>";
    DavClient.Answer a =
        http.send(
            "PROPFIND", uri, Optional.of(body), XML, Map.of("Depth", Integer.toString(depth)));
    return multistatus("PROPFIND", uri, a);
  }

  private static Multistatus multistatus(String what, URI uri, DavClient.Answer a) {
    check(what + " " + uri.getPath(), a);
    if (a.status() != 207) {
      throw new DavException(
          a.status(),
          what + " " + uri.getPath() + " answered " + a.status() + " instead of 207 Multi-Status");
    }
    return Multistatus.parse(a.body());
  }

  private static void check(String what, DavClient.Answer a) {
    if (a.ok()) {
      return;
    }
    String hint =
        switch (a.status()) {
          case 401 ->
              ": the server refused the username or password; check [sync.caldav] username and password_file "
                  + "(with two-factor authentication Nextcloud needs an app password)";
          case 403 -> ": this user may not do that here; is the calendar shared with write access?";
          case 404 -> ": no such calendar; check [sync.caldav] url";
          default -> DavClient.brief(a.body());
        };
    throw new DavException(a.status(), what + " answered " + a.status() + hint);
  }

  /** The raw path of an href relative to the calendar, or empty if it is not a valid reference. */
  private static Optional<String> path(URI calendar, String href) {
    try {
      return Optional.ofNullable(calendar.resolve(new URI(href)).getRawPath());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  static URI resolve(URI base, String href) {
    try {
      return base.resolve(new URI(href));
    } catch (URISyntaxException e) {
      throw new DavException(0, "the server named an invalid href: " + href);
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
