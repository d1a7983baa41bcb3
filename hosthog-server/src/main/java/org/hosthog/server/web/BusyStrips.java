package org.hosthog.server.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hosthog.api.Claim;
import org.hosthog.api.Inventory;
import org.hosthog.api.Resource;
import org.hosthog.server.database.Hosts;
import org.hosthog.server.database.ReplicaRows;
import org.hosthog.wire.Codec;

/**
 * A collapsed host's row on the web calendar: when its GPUs (a host without GPUs: its resources)
 * are claimed, as spans of a level, so a month of a big fleet is a few spans a host rather than
 * every bar. Levels: 1 some claimed (under half), 2 half or more, 3 all (or the whole host,
 * exclusively).
 */
final class BusyStrips {
  private static final Codec CODEC = new Codec();

  private BusyStrips() {}

  /** One span: from, until, its level and the most units claimed at once in it. */
  record Span(long start, long end, int level, int most) {}

  /**
   * The strips of {@code hosts} from the replica's {@code reservations} (not released, already cut
   * to the window the caller asked for).
   */
  static String json(List<Hosts.HostRow> hosts, List<ReplicaRows.Stored> reservations, long step) {
    Map<String, List<ReplicaRows.Stored>> byHost = new java.util.HashMap<>();
    for (ReplicaRows.Stored r : reservations) {
      byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(r);
    }
    JsonArray out = new JsonArray();
    for (Hosts.HostRow host : hosts) {
      List<Resource> units = units(host);
      List<ReplicaRows.Stored> mine = byHost.getOrDefault(host.name(), List.of());
      JsonObject o = new JsonObject();
      o.addProperty("host", host.name());
      o.addProperty("of", units.size());
      o.addProperty(
          "unit", units.stream().anyMatch(u -> u instanceof Resource.Gpus) ? "GPUs" : "resources");
      JsonArray owners = new JsonArray();
      mine.stream().map(ReplicaRows.Stored::owner).distinct().sorted().forEach(owners::add);
      o.add("owners", owners);
      JsonArray spans = new JsonArray();
      for (Span s : bounded(units, mine, step)) {
        JsonArray a = new JsonArray();
        a.add(s.start());
        a.add(s.end());
        a.add(s.level());
        a.add(s.most());
        spans.add(a);
      }
      o.add("spans", spans);
      out.add(o);
    }
    return out.toString();
  }

  /** The units a strip counts: the GPUs, or every unit of a host without GPUs. */
  private static List<Resource> units(Hosts.HostRow host) {
    List<Resource> all =
        host.inventory().map(CODEC::decodeInventory).map(Inventory::units).orElse(List.of());
    List<Resource> gpus = all.stream().filter(u -> u instanceof Resource.Gpus).toList();
    return gpus.isEmpty() ? all : gpus;
  }

  /**
   * At most {@link #MAX_SPANS} spans for a host: a finer step than the page can use is coarsened.
   */
  private static List<Span> bounded(
      List<Resource> units, List<ReplicaRows.Stored> reservations, long step) {
    List<Span> spans = spans(units, reservations, step);
    for (long s = Math.max(step, 60_000); spans.size() > MAX_SPANS; s *= 2) {
      spans = spans(units, reservations, s);
    }
    return spans;
  }

  /** Spans one host's strip holds at most: a row of the page is not wider than this in pixels. */
  static final int MAX_SPANS = 500;

  /**
   * The spans of {@code reservations}; a gap shorter than {@code step} milliseconds (what the view
   * could not show: about a pixel) is closed, the joined span taking the higher level.
   */
  static List<Span> spans(List<Resource> units, List<ReplicaRows.Stored> reservations, long step) {
    record Held(long start, long end, BitSet units) {}
    List<Held> held = new ArrayList<>();
    TreeSet<Long> edges = new TreeSet<>();
    for (ReplicaRows.Stored r : reservations) {
      BitSet bits = new BitSet(units.size());
      List<Claim> claims = r.claims();
      for (int i = 0; i < units.size(); i++) {
        Resource unit = units.get(i);
        if (claims.stream().anyMatch(c -> c.holds(unit))) {
          bits.set(i);
        }
      }
      if (!bits.isEmpty()) {
        held.add(new Held(r.start().toEpochMilli(), r.end().toEpochMilli(), bits));
        edges.add(r.start().toEpochMilli());
        edges.add(r.end().toEpochMilli());
      }
    }
    held.sort(Comparator.comparingLong(Held::start));
    List<Span> spans = new ArrayList<>();
    List<Held> open = new ArrayList<>();
    int next = 0;
    Long from = null;
    for (long edge : edges) {
      if (from != null) {
        BitSet now = new BitSet(units.size());
        open.forEach(h -> now.or(h.units()));
        add(spans, from, edge, now.cardinality(), units.size(), step);
      }
      long at = edge;
      open.removeIf(h -> h.end() <= at);
      while (next < held.size() && held.get(next).start() <= at) {
        open.add(held.get(next++));
      }
      from = edge;
    }
    return spans;
  }

  /** Appends a span, joined to the last one when they share a level and touch, or nearly do. */
  private static void add(List<Span> spans, long start, long end, int claimed, int of, long step) {
    if (claimed == 0) {
      return;
    }
    int level = claimed >= of ? 3 : 2 * claimed >= of ? 2 : 1;
    Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
    boolean touches = last != null && start - last.end() <= step;
    if (touches && (last.level() == level || step > 0)) {
      spans.set(
          spans.size() - 1,
          new Span(
              last.start(), end, Math.max(last.level(), level), Math.max(last.most(), claimed)));
    } else {
      spans.add(new Span(start, end, level, claimed));
    }
  }
}
