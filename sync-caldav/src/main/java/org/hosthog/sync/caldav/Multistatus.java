package org.hosthog.sync.caldav;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A WebDAV {@code 207 Multi-Status} answer, read by namespace (servers differ in prefixes: Radicale
 * uses the default namespace, Nextcloud {@code d:}/{@code cal:}/{@code cs:}).
 *
 * @param responses one per {@code DAV:response}
 * @param syncToken the top-level {@code DAV:sync-token} of a sync-collection answer
 */
record Multistatus(List<Response> responses, Optional<String> syncToken) {
  static final String DAV = "DAV:";
  static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  static final String CALSERVER = "http://calendarserver.org/ns/";

  Multistatus {
    responses = List.copyOf(responses);
  }

  /**
   * One {@code DAV:response}.
   *
   * @param href as the server wrote it
   * @param status the response's own status ({@code 404} for a deletion in a sync report), else 200
   * @param props properties found with a 2xx propstat, by {@code namespace + local name}
   */
  record Response(String href, int status, Map<String, Element> props) {
    Response {
      props = Map.copyOf(props);
    }

    Optional<Element> prop(String namespace, String name) {
      return Optional.ofNullable(props.get(namespace + name));
    }

    Optional<String> text(String namespace, String name) {
      return prop(namespace, name).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
    }

    /** Whether a property holds a child element, e.g. resourcetype holds {@code C:calendar}. */
    boolean has(String namespace, String name, String childNamespace, String child) {
      return prop(namespace, name)
          .map(e -> !children(e, childNamespace, child).isEmpty())
          .orElse(false);
    }
  }

  static Multistatus parse(String xml) {
    Document doc = document(xml);
    Element root = doc.getDocumentElement();
    if (!DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
      throw new DavException(
          0,
          "the calendar server answered with XML that is not a DAV:multistatus (root "
              + root.getTagName()
              + ")");
    }
    List<Response> out = new ArrayList<>();
    for (Element r : children(root, DAV, "response")) {
      Optional<String> href = first(r, DAV, "href").map(e -> e.getTextContent().strip());
      if (href.isEmpty() || href.get().isEmpty()) {
        continue; // a response without href names nothing: skip it rather than fail the whole sync
      }
      int status = first(r, DAV, "status").map(e -> status(e.getTextContent())).orElse(200);
      Map<String, Element> props = new HashMap<>();
      for (Element ps : children(r, DAV, "propstat")) {
        int psStatus = first(ps, DAV, "status").map(e -> status(e.getTextContent())).orElse(200);
        if (psStatus / 100 != 2) {
          continue;
        }
        for (Element prop : children(ps, DAV, "prop")) {
          for (Element p : children(prop, null, null)) {
            props.put(p.getNamespaceURI() + p.getLocalName(), p);
          }
        }
      }
      out.add(new Response(href.get(), status, props));
    }
    Optional<String> token =
        first(root, DAV, "sync-token")
            .map(e -> e.getTextContent().strip())
            .filter(s -> !s.isEmpty());
    return new Multistatus(out, token);
  }

  /** The status code of {@code HTTP/1.1 404 Not Found}; 0 when unreadable. */
  static int status(String line) {
    String[] parts = line.strip().split("\\s+");
    try {
      return parts.length >= 2 ? Integer.parseInt(parts[1]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Document document(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // a server is not trusted with entities: no DTDs, no external anything
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    } catch (SAXException | IOException e) {
      throw new DavException(
          0, "the calendar server answered with unreadable XML: " + e.getMessage());
    }
  }

  /** Child elements of {@code parent} with that namespace and name; {@code null} matches any. */
  static List<Element> children(Element parent, String namespace, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && (namespace == null || namespace.equals(e.getNamespaceURI()))
          && (name == null || name.equals(e.getLocalName()))) {
        out.add(e);
      }
    }
    return out;
  }

  static Optional<Element> first(Element parent, String namespace, String name) {
    return children(parent, namespace, name).stream().findFirst();
  }
}
