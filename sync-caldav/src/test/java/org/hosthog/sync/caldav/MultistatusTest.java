package org.hosthog.sync.caldav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultistatusTest {
  /**
   * The shape of a Nextcloud (SabreDAV 4) sync-collection answer: d:/cal:/cs: prefixes, a deletion,
   * truncation.
   */
  static final String NEXTCLOUD_SYNC =
      """
      <?xml version="1.0"?>
      <d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
       <d:response>
        <d:href>/remote.php/dav/calendars/6f2c1e0a-5b7d-4c1e-9a0e-1d2f3a4b5c6d/lab-servers/a%40b.ics</d:href>
        <d:propstat><d:prop><d:getetag>&quot;5f1a&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
       </d:response>
       <d:response>
        <d:href>/remote.php/dav/calendars/6f2c1e0a-5b7d-4c1e-9a0e-1d2f3a4b5c6d/lab-servers/gone.ics</d:href>
        <d:status>HTTP/1.1 404 Not Found</d:status>
       </d:response>
       <d:response>
        <d:href>/remote.php/dav/calendars/6f2c1e0a-5b7d-4c1e-9a0e-1d2f3a4b5c6d/lab-servers/</d:href>
        <d:status>HTTP/1.1 507 Insufficient Storage</d:status>
       </d:response>
       <d:sync-token>http://sabre.io/ns/sync/4711</d:sync-token>
      </d:multistatus>
      """;

  @Test
  void nextcloudsPrefixesAreReadByNamespace() {
    Multistatus m = Multistatus.parse(NEXTCLOUD_SYNC.strip());
    assertEquals(Optional.of("http://sabre.io/ns/sync/4711"), m.syncToken());
    assertEquals(3, m.responses().size());
    assertEquals(Optional.of("\"5f1a\""), m.responses().get(0).text(Multistatus.DAV, "getetag"));
    assertEquals(
        List.of(200, 404, 507), m.responses().stream().map(Multistatus.Response::status).toList());
  }

  @Test
  void radiclesDefaultNamespaceToo() {
    Multistatus m =
        Multistatus.parse(
            """
        <?xml version='1.0' encoding='utf-8'?>
        <multistatus xmlns="DAV:"><response><href>/hosthog/cal/</href><propstat><prop><sync-token>http://radicale.org/ns/sync/ab</sync-token>\
        <getctag xmlns="http://calendarserver.org/ns/">"c1"</getctag></prop><status>HTTP/1.1 200 OK</status></propstat>\
        <propstat><prop><displayname/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>""");
    Multistatus.Response r = m.responses().get(0);
    assertEquals(
        Optional.of("http://radicale.org/ns/sync/ab"), r.text(Multistatus.DAV, "sync-token"));
    assertEquals(Optional.of("\"c1\""), r.text(Multistatus.CALSERVER, "getctag"));
    assertEquals(
        Optional.empty(), r.prop(Multistatus.DAV, "displayname"), "a 404 propstat is no value");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not xml",
        "<html><body>Login</body></html>",
        "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d:multistatus xmlns:d=\"DAV:\">&x;</d:multistatus>",
        "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>",
      })
  void garbageIsAnErrorThatSaysSo(String body) {
    DavException e = assertThrows(DavException.class, () -> Multistatus.parse(body));
    assertTrue(
        e.getMessage().contains("XML") || e.getMessage().contains("multistatus"), e.getMessage());
    assertTrue(!e.getMessage().contains("root:x:0"), "no entity was expanded");
  }

  @Test
  void responsesWithoutHrefAreSkipped() {
    Multistatus m =
        Multistatus.parse(
            "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:status>HTTP/1.1 200 OK</d:status></d:response>"
                + "<d:response><d:href>/a.ics</d:href></d:response></d:multistatus>");
    assertEquals(
        List.of("/a.ics"), m.responses().stream().map(Multistatus.Response::href).toList());
  }
}
