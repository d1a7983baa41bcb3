/**
 * Two-way sync of a host's reservations with a CalDAV calendar (Nextcloud first; Radicale in
 * tests). Talks HTTP through {@code java.net.http}, reads WebDAV XML with the JDK's DOM parser and
 * iCalendar with ical4j.
 */
module org.hosthog.sync.caldav {
  requires org.hosthog.api;
  requires java.net.http;
  requires java.xml;
  requires ical4j.core;

  provides org.hosthog.api.spi.CalendarSyncProvider with
      org.hosthog.sync.caldav.CaldavSyncProvider;
}
