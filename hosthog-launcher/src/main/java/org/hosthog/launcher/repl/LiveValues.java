package org.hosthog.launcher.repl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hosthog.api.HosthogException;
import org.hosthog.api.Inventory;
import org.hosthog.api.Text;
import org.hosthog.wire.HosthogClient;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import org.hosthog.wire.Response;

/**
 * What tab completion asks the daemon: reservation ids, resources, users. Each answer is cached for
 * a few seconds and every call is cut off quickly, so a slow or absent daemon never holds up the
 * prompt: completion then simply offers less.
 */
final class LiveValues {
  static final Duration TIMEOUT = Duration.ofMillis(500);
  static final Duration FRESH = Duration.ofSeconds(5);

  /** A reservation as completion shows it. */
  record Id(String id, String owner, String description) {}

  private final Supplier<List<Path>> sockets;
  private final Cached<String> me = new Cached<>();
  private final Cached<List<Id>> ids = new Cached<>();
  private final Cached<Inventory> inventory = new Cached<>();

  LiveValues(Supplier<List<Path>> sockets) {
    this.sockets = sockets;
  }

  String me() {
    return me.get(() -> ask(new Request.Hello()).user(), System.getProperty("user.name"));
  }

  List<Id> ids() {
    return ids.get(
        () -> {
          List<Id> out = new ArrayList<>();
          for (ReservationView r : ask(Request.ListReservations.current())) {
            out.add(
                new Id(
                    Long.toString(r.id()),
                    r.owner(),
                    String.join(" ", r.resources()) + " " + Text.sanitize(r.message())));
          }
          return out;
        },
        List.of());
  }

  List<String> users() {
    return ids().stream().map(Id::owner).distinct().toList();
  }

  /** Every single claimable thing: host, gpu:0, gpu:1…, cpu, named ones. */
  List<String> resources() {
    Inventory inv = inventory();
    List<String> out = new ArrayList<>(List.of("host"));
    inv.gpus().forEach(g -> out.add("gpu:" + g.index()));
    out.add("cpu");
    out.addAll(inv.extra());
    return out;
  }

  /** The CPUs, each as {@code cpu:N}, and all of them as one range. */
  List<String> cpus() {
    int n = inventory().cpus();
    List<String> out = new ArrayList<>();
    if (n > 1) {
      out.add("cpu:0-" + (n - 1));
    }
    for (int i = 0; i < n; i++) {
      out.add("cpu:" + i);
    }
    return out;
  }

  private Inventory inventory() {
    return inventory.get(
        () -> ask(new Request.Resources()), new Inventory(1, List.of(), List.of()));
  }

  private <R> R ask(Request<R> request) {
    try (HosthogClient c = HosthogClient.connect(sockets.get(), TIMEOUT)) {
      if (c.call(request) instanceof Response.Ok<R> ok) {
        return ok.result();
      }
      throw new HosthogException(request.op() + " refused");
    }
  }

  /** One cached answer; a failure is cached too, so a dead daemon is not asked on every TAB. */
  private static final class Cached<T> {
    private T value;
    private long fetchedAt;

    synchronized T get(Supplier<T> fetch, T fallback) {
      if (value != null && System.nanoTime() - fetchedAt < FRESH.toNanos()) {
        return value;
      }
      try {
        value = fetch.get();
      } catch (RuntimeException e) {
        value = fallback;
      }
      fetchedAt = System.nanoTime();
      return value;
    }
  }
}
