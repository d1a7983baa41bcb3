package org.hosthog.notify.wall;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hosthog.api.HostActivity;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Text;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.support.Coalescer;

/**
 * Sends each event's message to the terminals of its audience.
 *
 * <p>Routine notices (claims, changes, releases) go through a {@link Coalescer}: one alone is sent
 * at once; a burst becomes a few summaries ("alice made 37 claims ..."), and changes a calendar
 * sync made wait for the sync to finish and become one summary. Urgent heads-ups and owners'
 * reminders are never delayed or merged.
 */
final class WallNotifier implements Notifier {
  static final int COLUMNS = 79;

  /** The shortest gap between two routine broadcasts, and the quiet spell that ends a burst. */
  static final Duration WINDOW = Duration.ofSeconds(2);

  /** The longest a routine notice waits in a burst. */
  static final Duration MAX_WINDOW = Duration.ofSeconds(16);

  private static final DateTimeFormatter BANNER_TIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

  private final PluginContext context;
  private final Terminals terminals;
  private final WallMessages messages;
  private final Coalescer<HostEvent.ByActor> routine;
  private volatile boolean closed;

  WallNotifier(PluginContext context, Terminals terminals) {
    this.context = context;
    this.terminals = terminals;
    this.messages = new WallMessages(context.zone());
    this.routine = new Coalescer<>("hosthog-wall", WINDOW, MAX_WINDOW, this::announce);
  }

  @Override
  public void onEvent(HostEvent event) {
    if (closed) {
      return;
    }
    Instant now = context.clock().instant();
    Optional<Broadcast> message = messages.of(event, now);
    if (message.isEmpty()) {
      return;
    }
    if (message.get().audience() == Broadcast.Audience.ROUTINE
        && event instanceof HostEvent.ByActor change) {
      if (change.via().isPresent()) {
        routine.offerQuietly(change);
      } else {
        routine.offer(change);
      }
      return;
    }
    send(message.get(), now);
  }

  /** One routine notice as it is, several as one summary. */
  private void announce(List<HostEvent.ByActor> batch) {
    Instant now = context.clock().instant();
    Optional<Broadcast> b =
        batch.size() == 1 ? messages.of(batch.get(0), now) : Optional.of(messages.summary(batch));
    b.ifPresent(message -> send(message, now));
  }

  private void send(Broadcast b, Instant now) {
    String framed = frame(b.text(), now);
    Set<Path> done = new HashSet<>();
    for (HostActivity.Session s : context.activity().sessions()) {
      Optional<Path> device = terminals.device(s.tty());
      if (device.isEmpty() || !done.add(device.get()) || !reaches(b, s, device.get())) {
        continue;
      }
      terminals.write(device.get(), framed);
    }
  }

  private boolean reaches(Broadcast b, HostActivity.Session s, Path device) {
    return switch (b.audience()) {
      case URGENT -> true;
      case ROUTINE -> terminals.acceptsMessages(device);
      case OWNER -> s.user().equals(b.owner());
    };
  }

  /** A banner like wall's, the message wrapped to 79 columns, CR LF line ends for raw terminals. */
  String frame(String text, Instant now) {
    StringBuilder out =
        new StringBuilder(
            "\r\n\r\nBroadcast message from hosthog@"
                + Text.sanitize(context.host())
                + " ("
                + BANNER_TIME.format(now.atZone(context.zone()))
                + "):\r\n\r\n");
    for (String line : wrap(Text.sanitize(text), COLUMNS)) {
      out.append(line).append("\r\n");
    }
    return out.append("\r\n").toString();
  }

  static java.util.List<String> wrap(String text, int width) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      while (word.length() > width) {
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    if (!closed) {
      routine.close(); // what is pending still goes out
      closed = true;
      terminals.close();
    }
  }
}
