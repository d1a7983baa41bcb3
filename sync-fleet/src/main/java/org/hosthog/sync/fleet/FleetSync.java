package org.hosthog.sync.fleet;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.List;
import org.hosthog.api.HostEvent;
import org.hosthog.api.PluginException;
import org.hosthog.api.spi.FleetHost;
import org.hosthog.api.spi.FleetLink;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.api.support.DaemonThreads;
import org.hosthog.wire.Codec;

/**
 * The link of one host to the state server, in three parts on threads of their own: the {@link
 * ChangePusher} (changes, heartbeats and usage to the server), the {@link WebRequests} (requests
 * made on the web, served as their users) and the {@link UsageSampler} (what runs on the GPUs). The
 * questions ({@code hosthog web}, {@code fleet}, {@code fleet usage}) are asked here.
 */
final class FleetSync implements FleetLink {
  private final ServerLink link;
  private final Codec codec = new Codec();
  private final ChangePusher pusher;
  private final WebRequests requests;
  private final UsageSampler sampler;
  private final Thread pushThread;
  private final Thread streamThread;
  private volatile boolean running = true;

  private FleetSync(FleetSettings settings, Pushed pushed, ServerLink link, PluginContext context) {
    this.link = link;
    int capacity =
        (int) Math.max(1, settings.usageBuffer().toMillis() / UsageMeter.BUCKET.toMillis());
    UsageBuffer usage =
        UsageBuffer.load(context.stateDir().resolve("usage-pending.jsonl"), capacity);
    this.pusher = new ChangePusher(settings, pushed, link, context, usage);
    this.requests =
        new WebRequests(settings, link, context, pusher::tokenGood, pusher::tokenRefused);
    this.sampler = new UsageSampler(settings, context, usage);
    this.pushThread = thread(pusher::pushLoop, "hosthog-fleet-push");
    this.streamThread = thread(requests::streamLoop, "hosthog-fleet-stream");
  }

  static FleetSync start(
      FleetSettings settings, Pushed pushed, ServerLink link, PluginContext context) {
    FleetSync s = new FleetSync(settings, pushed, link, context);
    s.pushThread.start();
    s.streamThread.start();
    s.sampler.start(settings);
    return s;
  }

  @Override
  public void onEvent(HostEvent event) {
    if (event instanceof HostEvent.ByActor) {
      pusher.wake();
    }
  }

  @Override
  public URI loginUrl(String user) {
    try {
      JsonObject body = new JsonObject();
      body.addProperty("user", user);
      String answer = link.post("link/login", body.toString());
      return URI.create(JsonParser.parseString(answer).getAsJsonObject().get("url").getAsString());
    } catch (ServerLink.Failure f) {
      throw new PluginException(f.getMessage());
    }
  }

  @Override
  public List<FleetHost> hosts() {
    try {
      return codec.decodeFleetHosts(link.get("hosts"));
    } catch (ServerLink.Failure f) {
      throw new PluginException(f.getMessage());
    }
  }

  @Override
  public List<org.hosthog.api.spi.FleetUsage> usage(String groupBy, String period) {
    try {
      return codec.decodeFleetUsage(
          groupBy, link.get("usage?group_by=" + groupBy + "&period=" + period));
    } catch (ServerLink.Failure f) {
      throw new PluginException(f.getMessage());
    } catch (org.hosthog.api.HosthogException e) {
      throw new PluginException(
          "the state server at "
              + link.base()
              + " answered usage in a shape this host does not"
              + " know ("
              + e.getMessage()
              + "); is it a hosthog server of the same version?");
    }
  }

  @Override
  public SyncStatus syncNow() {
    return pusher.cycle();
  }

  @Override
  public SyncStatus status() {
    return pusher.status();
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    pusher.stop();
    requests.close();
    pushThread.interrupt();
    streamThread.interrupt();
    sampler.close();
  }

  private static Thread thread(Runnable r, String name) {
    return DaemonThreads.named(name).newThread(r);
  }
}
