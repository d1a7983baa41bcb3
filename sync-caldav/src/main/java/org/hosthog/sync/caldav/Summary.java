package org.hosthog.sync.caldav;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hosthog.api.Claim;
import org.hosthog.api.Inventory;
import org.hosthog.api.Mode;
import org.hosthog.api.Reservation;
import org.hosthog.api.Resource;

/**
 * An event title as people read and type it: {@code [gpu-box] alice: gpu:0-3 — deadline}.
 *
 * <p>Every part but the resources is optional, so {@code gpu:0-1 training} is understood too. A
 * resource keeps its default mode unless the next word is {@code exclusive} or {@code shared}:
 * {@code host exclusive reboot}.
 *
 * @param host the host in brackets, if any
 * @param owner the word before a colon, if any
 * @param claims at least one
 * @param message the rest, without a leading dash
 */
record Summary(Optional<String> host, Optional<String> owner, List<Claim> claims, String message) {
  private static final Pattern HOST = Pattern.compile("^\\[([^\\]\\s]{1,64})\\]\\s*");
  private static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}\\$?:");
  private static final Pattern DASHES = Pattern.compile("^[-–—:|]+\\s*");

  Summary {
    claims = List.copyOf(claims);
  }

  /** The host a title is marked for, as in {@code [gpu-box] gpu:0 training}. */
  static Optional<String> hostMark(String title) {
    var m = HOST.matcher(title.strip());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The title hosthog writes for a reservation. */
  static String render(Reservation r) {
    StringBuilder s =
        new StringBuilder("[").append(r.host()).append("] ").append(r.owner()).append(':');
    for (Claim c : r.claims()) {
      s.append(' ').append(c.resource().text());
      if (c.mode() != c.resource().defaultMode()) {
        s.append(' ').append(c.mode().text());
      }
    }
    if (!r.message().isBlank()) {
      s.append(" — ").append(r.message().replaceAll("\\s+", " ").strip()); // a title is one line
    }
    return s.toString();
  }

  /**
   * Reads a title; the resources must be ones this host has.
   *
   * @throws Unreadable saying what is missing
   */
  static Summary parse(String title, Inventory inventory) {
    String rest = title.strip();
    Optional<String> host = Optional.empty();
    var m = HOST.matcher(rest);
    if (m.find()) {
      host = Optional.of(m.group(1));
      rest = rest.substring(m.end());
    }
    String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
    int i = 0;
    Optional<String> owner = Optional.empty();
    if (words.length > 0 && OWNER.matcher(words[0]).matches()) {
      owner = Optional.of(words[0].substring(0, words[0].length() - 1));
      i++;
    }
    List<Claim> claims = new ArrayList<>();
    String unknown = null;
    for (; i < words.length; i++) {
      String w = words[i];
      Optional<Mode> mode = mode(w);
      if (mode.isPresent() && !claims.isEmpty()) {
        Claim last = claims.remove(claims.size() - 1);
        claims.add(new Claim(last.resource(), mode.get()));
        continue;
      }
      Optional<Resource> resource = resource(w, inventory);
      if (resource.isEmpty()) {
        if (claims.isEmpty() && w.contains(":") && !w.endsWith(":")) {
          unknown = w;
        }
        break;
      }
      claims.add(Claim.of(resource.get()));
    }
    if (claims.isEmpty()) {
      throw new Unreadable(
          unknown != null
              ? "'"
                  + unknown
                  + "' is not a resource of this host (claimable: "
                  + String.join(", ", inventory.claimable())
                  + ")"
              : "the title names no resource of this host; start it with one, e.g. 'gpu:0-1 training' (claimable: "
                  + String.join(", ", inventory.claimable())
                  + ")");
    }
    String message =
        DASHES
            .matcher(String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length)))
            .replaceFirst("");
    return new Summary(host, owner, claims, message.strip());
  }

  private static Optional<Mode> mode(String word) {
    return switch (word.toLowerCase(Locale.ROOT).replaceAll("[(),]", "")) {
      case "exclusive", "exclusively" -> Optional.of(Mode.EXCLUSIVE);
      case "shared" -> Optional.of(Mode.SHARED);
      default -> Optional.empty();
    };
  }

  private static Optional<Resource> resource(String word, Inventory inventory) {
    String w = word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
    if (w.isEmpty() || w.endsWith(":")) {
      return Optional.empty();
    }
    try {
      Resource r = Resource.parse(w);
      return inventory.problemWith(r).isEmpty() ? Optional.of(r) : Optional.empty();
    } catch (
        RuntimeException e) { // IllegalArgumentException or InvalidInputException: not a resource
      return Optional.empty();
    }
  }
}
