package org.hosthog.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hosthog.api.Claim;
import org.hosthog.api.HostActivity;
import org.hosthog.api.IndexSet;
import org.hosthog.api.Inventory;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;
import org.hosthog.api.Text;

/**
 * The message of the day: what is claimed now and later today, what is free, and who is really on
 * the host. At most 80 columns; empty sections are left out; an idle host gets two lines.
 *
 * <p>A pure function of its inputs, so {@code hosthog motd}, the motd file and tests agree.
 */
public final class MotdText {
  public static final int WIDTH = 80;

  /** Claims younger than this are marked new. */
  static final Duration NEW = Duration.ofHours(24);

  private static final DateTimeFormatter HEADER =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final String host;
  private final Inventory inventory;
  private final ZoneId zone;

  public MotdText(String host, Inventory inventory, ZoneId zone) {
    this.host = Text.sanitize(Objects.requireNonNull(host, "host"));
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * @param reservations those overlapping the rest of today (not released)
   * @param activity who is on the host
   */
  public String render(List<Reservation> reservations, HostActivity activity, Instant now) {
    Instant midnight = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    List<Reservation> active =
        reservations.stream().filter(r -> r.occupies(now, now.plusMillis(1))).toList();
    List<Reservation> later =
        reservations.stream()
            .filter(r -> r.start().isAfter(now) && r.start().isBefore(midnight))
            .toList();
    List<String> lines = new ArrayList<>();
    if (active.isEmpty() && later.isEmpty()) {
      lines.add("hosthog: nothing is claimed on " + host + " today.");
    } else {
      lines.add("hosthog: who uses " + host + " (" + HEADER.format(now.atZone(zone)) + ")");
      section(lines, "Now:", active.stream().map(r -> row(r, now, true)).toList());
      section(lines, "Later today:", later.stream().map(r -> row(r, now, false)).toList());
      List<String> free = free(active);
      lines.add("Free now: " + (free.isEmpty() ? "nothing" : String.join(" ", free)));
    }
    String on = sessions(activity);
    if (!on.isEmpty()) {
      lines.add("Logged in: " + on);
    }
    usage(activity, active).forEach(lines::add);
    section(lines, "Idle (claimed, not working):", idle(activity));
    String example = inventory.gpus().isEmpty() ? "host" : "gpu:0";
    lines.add("Claim: hosthog claim " + example + " --for 2h -m \"why\"   More: hosthog --help");
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(Columns.fit(Text.sanitize(line), WIDTH)).append('\n');
    }
    return out.toString();
  }

  /** "gpu:1 dave no process since 09:12 (reservation 7)", or "at 2 %" when it has a process. */
  private List<String> idle(HostActivity activity) {
    List<String> rows = new ArrayList<>();
    for (HostActivity.IdleGpu g : activity.gpus().idle()) {
      rows.add(
          "gpu:"
              + g.gpu()
              + "  "
              + g.reservation().owner()
              + "  "
              + (g.utilizationPercent().isPresent()
                  ? "at " + g.utilizationPercent().getAsInt() + " %"
                  : "no process")
              + " since "
              + TIME.format(g.since().atZone(zone))
              + " (reservation "
              + g.reservation().id()
              + ")");
    }
    return rows;
  }

  private static void section(List<String> lines, String title, List<String> rows) {
    if (!rows.isEmpty()) {
      lines.add(title);
      rows.forEach(r -> lines.add("  " + r));
    }
  }

  private String row(Reservation r, Instant now, boolean active) {
    String when =
        active
            ? "until " + end(r.end(), now)
            : TIME.format(r.start().atZone(zone)) + "-" + end(r.end(), now);
    String isNew = Duration.between(r.created(), now).compareTo(NEW) < 0 ? " [new]" : "";
    String series = r.series().map(s -> " [" + s.rule(zone) + ", " + s.place() + "]").orElse("");
    return String.join("  ", r.resourcesText(), r.owner(), mode(r), when, "\"" + r.message() + "\"")
        + series
        + isNew;
  }

  private static String mode(Reservation r) {
    boolean hostExclusive = r.claims().stream().anyMatch(c -> c.isWholeHost() && c.isExclusive());
    if (hostExclusive) {
      return "EXCLUSIVE";
    }
    return r.claims().stream().allMatch(Claim::isExclusive)
        ? "exclusive"
        : r.claims().stream().noneMatch(Claim::isExclusive) ? "shared" : "mixed";
  }

  private String end(Instant end, Instant now) {
    ZonedDateTime t = end.atZone(zone);
    if (t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
      t = t.minusMinutes(1); // "until Fri 23:59" rather than "until Sat 00:00"
    }
    return t.toLocalDate().equals(now.atZone(zone).toLocalDate())
        ? TIME.format(t)
        : DAY_TIME.format(t);
  }

  private List<String> free(List<Reservation> active) {
    List<String> free = new ArrayList<>();
    for (var g : inventory.gpus()) {
      Resource gpu = new Resource.Gpus(IndexSet.of(g.index()));
      if (heldBy(active, gpu).isEmpty()) {
        free.add(gpu.text());
      }
    }
    if (heldBy(active, new Resource.Cpus(IndexSet.all())).isEmpty()) {
      free.add("cpu");
    }
    for (String n : inventory.extra()) {
      if (heldBy(active, new Resource.Named(n)).isEmpty()) {
        free.add(n);
      }
    }
    return free;
  }

  /** Owners who hold {@code part} of the machine now, exclusively or shared. */
  private static List<String> heldBy(List<Reservation> active, Resource part) {
    List<String> owners = new ArrayList<>();
    for (Reservation r : active) {
      for (Claim c : r.claims()) {
        boolean holds = c.isWholeHost() ? c.isExclusive() : c.resource().overlaps(part);
        if (holds && !owners.contains(r.owner())) {
          owners.add(r.owner());
        }
      }
    }
    return owners;
  }

  /** Owners other than {@code user} who hold {@code part} exclusively now. */
  private static List<String> exclusiveHolders(
      List<Reservation> active, Resource part, String user) {
    List<String> owners = new ArrayList<>();
    for (Reservation r : active) {
      if (r.owner().equals(user)) {
        continue;
      }
      for (Claim c : r.claims()) {
        if (c.isExclusive()
            && (c.isWholeHost() || c.resource().overlaps(part))
            && !owners.contains(r.owner())) {
          owners.add(r.owner());
        }
      }
    }
    return owners;
  }

  private static String sessions(HostActivity activity) {
    Map<String, Integer> perUser = new LinkedHashMap<>();
    activity.sessions().forEach(s -> perUser.merge(s.user(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    perUser.forEach((user, n) -> parts.add(n == 1 ? user : user + " (" + n + ")"));
    return String.join(", ", parts);
  }

  private static List<String> usage(HostActivity activity, List<Reservation> active) {
    List<String> lines = new ArrayList<>();
    for (HostActivity.GpuProcess p : activity.gpuProcesses()) {
      Resource gpu = new Resource.Gpus(IndexSet.of(p.gpu()));
      List<String> holders = exclusiveHolders(active, gpu, p.user());
      boolean unclaimed = p.isUnclaimed(active);
      lines.add(
          "  gpu:"
              + p.gpu()
              + "  "
              + p.user()
              + "  "
              + p.command()
              + " (pid "
              + p.pid()
              + ", "
              + p.memoryMib()
              + " MiB)"
              + (holders.isEmpty() ? "" : "  ! held by " + String.join(", ", holders))
              + (unclaimed ? "  (unclaimed)" : ""));
    }
    for (HostActivity.BusyProcess p : activity.busyProcesses()) {
      List<String> holders = exclusiveHolders(active, new Resource.Cpus(IndexSet.all()), p.user());
      lines.add(
          "  cpu    "
              + p.user()
              + "  "
              + p.command()
              + " (pid "
              + p.pid()
              + ", "
              + Math.round(p.cpuPercent())
              + "% CPU)"
              + (holders.isEmpty() ? "" : "  ! held by " + String.join(", ", holders)));
    }
    if (!lines.isEmpty()) {
      lines.add(0, "Running:");
    }
    return lines;
  }
}
