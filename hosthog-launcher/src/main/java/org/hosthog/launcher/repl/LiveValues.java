package org.hosthog.launcher.repl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hosthog.api.HosthogException;
import org.hosthog.core.daemon.HosthogClient;

/**
 * What tab completion asks the daemon: reservation ids, resources, users. Each answer is cached
 * for a few seconds and every call is cut off quickly, so a slow or absent daemon never holds up
 * the prompt: completion then simply offers less.
 */
final class LiveValues {
  static final Duration TIMEOUT = Duration.ofMillis(500);
  static final Duration FRESH = Duration.ofSeconds(5);

  /** A reservation as completion shows it. */
  record Id(String id, String owner, String description) {}

  private final Supplier<List<Path>> sockets;
  private final Cached<String> me = new Cached<>();
  private final Cached<List<Id>> ids = new Cached<>();
  private final Cached<List<String>> resources = new Cached<>();

  LiveValues(Supplier<List<Path>> sockets) {
    this.sockets = sockets;
  }

  String me() {
    return me.get(() -> ask("hello").getAsJsonObject().get("user").getAsString(), System.getProperty("user.name"));
  }

  List<Id> ids() {
    return ids.get(() -> {
      List<Id> out = new ArrayList<>();
      for (JsonElement e : ask("list").getAsJsonArray()) {
        JsonObject r = e.getAsJsonObject();
        StringBuilder what = new StringBuilder();
        r.getAsJsonArray("claims").forEach(c -> what.append(c.getAsJsonObject().get("resource").getAsString()).append(' '));
        out.add(new Id(r.get("id").getAsString(), r.get("owner").getAsString(),
            what.toString().strip() + " " + org.hosthog.api.Text.sanitize(r.get("message").getAsString())));
      }
      return out;
    }, List.of());
  }

  List<String> users() {
    return ids().stream().map(Id::owner).distinct().toList();
  }

  /** Every single claimable thing: host, gpu:0, gpu:1…, cpu, named ones. */
  List<String> resources() {
    return resources.get(() -> {
      JsonObject inv = ask("resources").getAsJsonObject();
      List<String> out = new ArrayList<>(List.of("host"));
      inv.getAsJsonArray("gpus").forEach(g -> out.add("gpu:" + g.getAsJsonObject().get("index").getAsInt()));
      out.add("cpu");
      inv.getAsJsonArray("extra").forEach(x -> out.add(x.getAsString()));
      return out;
    }, List.of("host", "cpu"));
  }

  private JsonElement ask(String op) {
    try (HosthogClient c = HosthogClient.connect(sockets.get(), TIMEOUT)) {
      JsonObject r = c.call(op, new JsonObject());
      if (!r.get("ok").getAsBoolean()) {
        throw new HosthogException(op + " refused");
      }
      return r.get("result");
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
