package org.hosthog.sync.caldav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hosthog.api.PluginException;
import org.hosthog.api.support.AtomicFile;

/**
 * What the last sync left behind, per calendar item: its ETag, what it is to this host, and which
 * version of the reservation it shows. Local changes are never queued here: they are the
 * reservations whose {@code updated} differs from the version the calendar shows, so they survive
 * any crash with the store itself.
 *
 * <p>Kept in one small text file, replaced atomically after every sync.
 */
final class SyncState {
  private static final String MAGIC = "hosthog-caldav-state 1";

  /** What a calendar item is to this host. */
  enum Kind {
    /** One of this host's reservations. */
    MINE,
    /** Another host's event, or one not meant for hosthog: ignored until it changes. */
    FOREIGN,
    /** Meant for this host but not understood; reported until it changes. */
    UNREADABLE,
    /**
     * Understood, but the host refused the claim (a conflict, say); reported, and tried again when
     * the host's reservations change.
     */
    REFUSED
  }

  /**
   * One calendar item.
   *
   * @param href its path on the server
   * @param etag its ETag when last seen ({@code ""} if the server did not say)
   * @param kind what it is to this host
   * @param reservation the reservation it shows, for {@link Kind#MINE}
   * @param uid the event's UID (hosthog keeps the UID of events people created)
   * @param shown the reservation's {@code updated} time (epoch ms) the event shows; {@code 0} =
   *     must be written
   * @param note why it was not taken, for {@link Kind#UNREADABLE}
   */
  record Entry(
      String href,
      String etag,
      Kind kind,
      Optional<UUID> reservation,
      String uid,
      long shown,
      String note) {
    static Entry mine(String href, String etag, UUID reservation, String uid, long shown) {
      return new Entry(href, etag, Kind.MINE, Optional.of(reservation), uid, shown, "");
    }

    static Entry other(String href, String etag, Kind kind, String note) {
      return new Entry(href, etag, kind, Optional.empty(), "", 0, note);
    }

    Entry withEtag(String newEtag) {
      return new Entry(href, newEtag, kind, reservation, uid, shown, note);
    }

    Entry showing(long version) {
      return new Entry(href, etag, kind, reservation, uid, version, note);
    }
  }

  private final Path file;
  private String source = "";
  private String calendar = "";
  private String token = "";
  private String ctag = "";
  private final Map<String, Entry> byHref = new LinkedHashMap<>();
  private final Map<UUID, String> hrefOf = new HashMap<>();

  private SyncState(Path file) {
    this.file = file;
  }

  /**
   * Reads the state file; a missing file is an empty state (first sync), a damaged one too, with a
   * warning.
   */
  static SyncState load(Path file) {
    SyncState s = new SyncState(file);
    if (!Files.exists(file)) {
      return s;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
        throw new IOException("not a hosthog calendar sync state file");
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "source" -> s.source = unescape(f[1]);
          case "calendar" -> s.calendar = unescape(f[1]);
          case "token" -> s.token = unescape(f[1]);
          case "ctag" -> s.ctag = unescape(f[1]);
          case "item" ->
              s.put(
                  new Entry(
                      unescape(f[1]),
                      unescape(f[2]),
                      Kind.valueOf(f[3]),
                      f[4].isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(f[4])),
                      unescape(f[5]),
                      Long.parseLong(f[6]),
                      unescape(f[7])));
          default -> throw new IOException("unknown line '" + f[0] + "'");
        }
      }
      return s;
    } catch (IOException | RuntimeException e) {
      // Safe to start over: a full resync matches events to reservations by href and UID, so
      // nothing is duplicated; only "which side changed" is lost, and the later change wins.
      System.getLogger(SyncState.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "calendar sync state "
                  + file
                  + " is unreadable ("
                  + e.getMessage()
                  + "); doing a full sync");
      return new SyncState(file);
    }
  }

  void save() {
    StringBuilder b = new StringBuilder(MAGIC).append('\n');
    b.append("source\t").append(escape(source)).append('\n');
    b.append("calendar\t").append(escape(calendar)).append('\n');
    b.append("token\t").append(escape(token)).append('\n');
    b.append("ctag\t").append(escape(ctag)).append('\n');
    for (Entry e : byHref.values()) {
      b.append("item\t")
          .append(escape(e.href()))
          .append('\t')
          .append(escape(e.etag()))
          .append('\t')
          .append(e.kind())
          .append('\t')
          .append(e.reservation().map(UUID::toString).orElse(""))
          .append('\t')
          .append(escape(e.uid()))
          .append('\t')
          .append(e.shown())
          .append('\t')
          .append(escape(e.note()))
          .append('\n');
    }
    try {
      AtomicFile.replace(file, b.toString(), "rw-------", true);
    } catch (IOException e) {
      throw new PluginException(
          "cannot write the calendar sync state " + file + ": " + e.getMessage(), e);
    }
  }

  /** The calendar URL found for the configured {@link #source}; empty until discovered. */
  String calendar() {
    return calendar;
  }

  void calendar(String url) {
    calendar = url;
  }

  /**
   * The configured URL (and calendar name) this state belongs to; switching to another one forgets
   * everything learnt about the old calendar.
   */
  void source(String configured) {
    if (!configured.equals(source)) {
      byHref.clear();
      hrefOf.clear();
      token = "";
      ctag = "";
      calendar = "";
      source = configured;
    }
  }

  String token() {
    return token;
  }

  void token(String t) {
    token = t;
  }

  String ctag() {
    return ctag;
  }

  void ctag(String c) {
    ctag = c;
  }

  Optional<Entry> at(String href) {
    return Optional.ofNullable(byHref.get(href));
  }

  Optional<Entry> of(UUID reservation) {
    return Optional.ofNullable(hrefOf.get(reservation)).map(byHref::get);
  }

  void put(Entry e) {
    Entry old = byHref.put(e.href(), e);
    if (old != null) {
      old.reservation().ifPresent(hrefOf::remove);
    }
    e.reservation().ifPresent(u -> hrefOf.put(u, e.href()));
  }

  void remove(String href) {
    Entry old = byHref.remove(href);
    if (old != null) {
      old.reservation().ifPresent(hrefOf::remove);
    }
  }

  Collection<Entry> entries() {
    return new ArrayList<>(byHref.values());
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(
            switch (n) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
