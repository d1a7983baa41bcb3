package org.hosthog.wire.link;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Inventory;
import org.hosthog.wire.Codec;

/**
 * What a host's daemon pushes to the state server ({@code POST /api/v1/link/push}): its inventory,
 * its admins, the reservations that changed and the usage the server has not taken yet. A heartbeat
 * is a push without reservations.
 *
 * @param inventory what the host has to claim; absent = unchanged
 * @param admins the users the host counts as its admins; absent = unchanged
 * @param reservations the changed reservations, each with its version
 * @param usage usage buckets, oldest first
 * @param gpuLoads each GPU's utilisation and memory at the host's last sample ({@code gpu_loads});
 *     absent = unknown (no sample yet, a failing {@code nvidia-smi}, or an older daemon)
 */
public record Push(
    Optional<Inventory> inventory,
    Optional<Set<String>> admins,
    List<PushItem> reservations,
    List<UsageBucket> usage,
    Optional<List<HostActivity.GpuLoad>> gpuLoads) {
  public static final int MAX_ADMINS = 10_000;
  public static final int MAX_BUCKETS = 10_000;
  private static final Codec CODEC = new Codec();

  public Push {
    Objects.requireNonNull(inventory, "inventory");
    admins = admins.map(TreeSet::new).map(Set::copyOf);
    reservations = List.copyOf(reservations);
    usage = List.copyOf(usage);
    gpuLoads = gpuLoads.map(List::copyOf);
  }

  /** A push without GPU loads. */
  public Push(
      Optional<Inventory> inventory,
      Optional<Set<String>> admins,
      List<PushItem> reservations,
      List<UsageBucket> usage) {
    this(inventory, admins, reservations, usage, Optional.empty());
  }

  /** The body of the push. */
  public String json() {
    JsonObject o = new JsonObject();
    inventory.ifPresent(i -> o.add("inventory", JsonParser.parseString(CODEC.compact(i))));
    admins.ifPresent(
        users -> {
          JsonArray a = new JsonArray();
          new TreeSet<>(users).forEach(a::add);
          o.add("admins", a);
        });
    JsonArray list = new JsonArray();
    for (PushItem item : reservations) {
      JsonObject j = new JsonObject();
      j.addProperty("version", item.version());
      j.add("reservation", JsonParser.parseString(CODEC.compact(item.reservation())));
      list.add(j);
    }
    o.add("reservations", list);
    JsonArray buckets = new JsonArray();
    usage.forEach(b -> buckets.add(b.tree()));
    o.add("usage", buckets);
    gpuLoads.ifPresent(loads -> o.add("gpu_loads", GpuLoads.write(loads)));
    return o.toString();
  }

  /**
   * The push a body holds, every part checked before anything is used: a bad one is refused whole.
   *
   * @throws org.hosthog.wire.WireException {@code bad_request} saying what is wrong and that
   *     nothing was stored
   */
  public static Push parse(String json) {
    JsonObject o = LinkJson.object(json, "a push");
    return new Push(
        inventory(o.get("inventory")),
        admins(o.get("admins")),
        reservations(o.get("reservations")),
        usage(o),
        GpuLoads.read(o.get("gpu_loads")));
  }

  private static Optional<Inventory> inventory(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CODEC.decodeInventory(e.toString()));
    } catch (HosthogException x) {
      throw LinkJson.bad("'inventory' is not a hosthog inventory: " + x.getMessage());
    }
  }

  private static Optional<Set<String>> admins(JsonElement admins) {
    if (admins == null || admins.isJsonNull()) {
      return Optional.empty();
    }
    if (!admins.isJsonArray() || admins.getAsJsonArray().size() > MAX_ADMINS) {
      throw LinkJson.bad("'admins' must be an array of at most " + MAX_ADMINS + " user names");
    }
    Set<String> users = new TreeSet<>();
    for (JsonElement e : admins.getAsJsonArray()) {
      String user = LinkJson.userName(e, "'admins'");
      if (!user.matches(LinkJson.USER_NAME)) {
        throw LinkJson.bad(
            "'admins' holds something that is not a user name: " + LinkJson.abbreviated(e));
      }
      users.add(user);
    }
    return Optional.of(users);
  }

  private static List<PushItem> reservations(JsonElement list) {
    List<PushItem> out = new ArrayList<>();
    if (list == null || list.isJsonNull()) {
      return out;
    }
    if (!list.isJsonArray()) {
      throw LinkJson.bad("'reservations' must be an array");
    }
    for (JsonElement e : list.getAsJsonArray()) {
      out.add(item(e));
    }
    return out;
  }

  private static PushItem item(JsonElement e) {
    long version;
    try {
      version = e.getAsJsonObject().get("version").getAsLong();
    } catch (RuntimeException ex) {
      throw notAnItem(ex.toString());
    }
    if (version < 1) {
      throw LinkJson.bad("'version' must be a whole number from 1");
    }
    try {
      return new PushItem(
          version, CODEC.decodeReservation(e.getAsJsonObject().get("reservation").toString()));
    } catch (RuntimeException ex) {
      throw notAnItem(ex.getMessage());
    }
  }

  private static org.hosthog.wire.WireException notAnItem(String why) {
    return LinkJson.bad(
        "each of 'reservations' is {\"version\": N, \"reservation\": {...}} with the fields of"
            + " 'hosthog show --json': "
            + why
            + ". Nothing was stored");
  }

  private static List<UsageBucket> usage(JsonObject o) {
    JsonArray array =
        LinkJson.array(
            o,
            "usage",
            MAX_BUCKETS,
            "'usage' must be an array of at most " + MAX_BUCKETS + " buckets. Nothing was stored");
    List<UsageBucket> out = new ArrayList<>();
    Set<Instant> starts = new HashSet<>();
    for (JsonElement e : array) {
      UsageBucket b = UsageBucket.read(e);
      if (!starts.add(b.start())) {
        throw LinkJson.bad(
            "a usage bucket was refused: two buckets start at "
                + b.start()
                + ". Nothing was stored");
      }
      out.add(b);
    }
    return out;
  }
}
