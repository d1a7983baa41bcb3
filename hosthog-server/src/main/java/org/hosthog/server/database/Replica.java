package org.hosthog.server.database;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hosthog.api.Claim;
import org.hosthog.api.Inventory;
import org.hosthog.api.Resource;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.wire.Codec;

/** The replica's reservations as the API answers them, and what is free on a host. */
public final class Replica {
  private static final Codec CODEC = new Codec();

  private Replica() {}

  /** {@code r}'s JSON as its host sent it, with the state it has at {@code now}. */
  public static String json(ReplicaRows.Stored r, Instant now) {
    JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
    o.addProperty("state", state(r, now));
    return o.toString();
  }

  /**
   * A JSON array of {@code list}, each with its state at {@code now} and, as {@code list --json}
   * prints them, without history (one reservation's answer has it).
   */
  public static String jsonArray(List<ReplicaRows.Stored> list, Instant now) {
    StringBuilder s = new StringBuilder("[");
    for (ReplicaRows.Stored r : list) {
      if (s.length() > 1) {
        s.append(',');
      }
      JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
      o.remove("history");
      o.addProperty("state", state(r, now));
      s.append(o);
    }
    return s.append(']').toString();
  }

  public static String state(ReplicaRows.Stored r, Instant now) {
    if (r.released().isPresent()) {
      return "released";
    }
    if (now.isBefore(r.start())) {
      return "planned";
    }
    return now.isBefore(r.end()) ? "active" : "ended";
  }

  /**
   * A host as {@code GET /api/v1/hosts} shows it: online, what is free now and until when.
   *
   * @param current its reservations ending after {@code now}, in start order
   */
  public static FleetHost host(
      Hosts.HostRow row,
      List<ReplicaRows.Stored> current,
      Instant now,
      java.time.Duration offline) {
    boolean online =
        row.revoked().isEmpty()
            && row.lastSeen().map(t -> t.isAfter(now.minus(offline))).orElse(false);
    Optional<Inventory> inv = row.inventory().map(CODEC::decodeInventory);
    List<String> resources = inv.map(Inventory::claimable).orElse(List.of());
    List<FleetHost.Free> free = new ArrayList<>();
    if (inv.isPresent()) {
      // In start order the reservations running now come first, then the next to start: a unit is
      // settled by the first that holds it, so most bodies are never read (a month of 100 a host
      // made this the page's slowest request).
      Set<Resource> busy = new HashSet<>();
      Map<Resource, Instant> nextStart = new HashMap<>();
      List<Resource> open = new ArrayList<>(inv.get().units());
      for (ReplicaRows.Stored r : current) {
        if (open.isEmpty()) {
          break;
        }
        if (r.released().isPresent() || !r.end().isAfter(now)) {
          continue;
        }
        List<Claim> claims = r.claims();
        for (Resource unit : List.copyOf(open)) {
          if (claims.stream().anyMatch(c -> c.holds(unit))) {
            open.remove(unit);
            if (r.start().isAfter(now)) {
              nextStart.put(unit, r.start());
            } else {
              busy.add(unit);
            }
          }
        }
      }
      for (Resource unit : inv.get().units()) {
        if (!busy.contains(unit)) {
          free.add(new FleetHost.Free(unit.text(), Optional.ofNullable(nextStart.get(unit))));
        }
      }
    }
    return new FleetHost(row.name(), online, row.lastSeen(), resources, free);
  }
}
