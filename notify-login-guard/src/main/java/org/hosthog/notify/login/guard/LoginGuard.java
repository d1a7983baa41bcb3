package org.hosthog.notify.login.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.ReservationQuery;
import org.hosthog.api.State;
import org.hosthog.api.Text;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.PluginContext;
import org.hosthog.api.support.AtomicFile;
import org.hosthog.api.support.DaemonThreads;

/**
 * Keeps two files in step with the host's exclusive whole-host claims: a pam_access table that lets
 * in only the owner, root and admins, and a pam_nologin message for everyone else. With no such
 * claim active both files are gone, and pam_access (missing file) and pam_nologin let everyone in;
 * so a stopped daemon, which removes them, never locks anyone out.
 */
final class LoginGuard implements Notifier {
  private static final System.Logger LOG = System.getLogger(LoginGuard.class.getName());

  /** What pam_access accepts as a user or group name; anything else is left out of the table. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\\$?");

  private final PluginContext context;
  private final Path access;
  private final Path message;
  private final ScheduledExecutorService timer;
  private boolean closed;

  private LoginGuard(PluginContext context, Path access, Path message) {
    this.context = context;
    this.access = access;
    this.message = message;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-login-guard"));
  }

  static LoginGuard start(PluginContext context, Path access, Path message, Duration refresh) {
    LoginGuard g = new LoginGuard(context, access, message);
    g.refresh();
    g.timer.scheduleWithFixedDelay(
        g::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    return g;
  }

  @Override
  public void onEvent(HostEvent event) {
    refresh();
  }

  /**
   * The exclusive whole-host claim active now, if any (the one ending last, if forced over each
   * other).
   */
  Optional<Reservation> guarding(Instant now) {
    return context.reservations().list(ReservationQuery.current(now)).stream()
        .filter(r -> r.state(now) == State.ACTIVE)
        .filter(r -> r.claims().stream().anyMatch(c -> c.isWholeHost() && c.isExclusive()))
        .max(Comparator.comparing(Reservation::end));
  }

  synchronized void refresh() {
    if (closed) {
      return;
    }
    try {
      Instant now = context.clock().instant();
      Optional<Reservation> r = guarding(now);
      if (r.isEmpty()) {
        open();
      } else {
        // the message first: a denied login always finds the reason
        write(message, message(r.get()));
        write(access, table(r.get()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "login guard: cannot update " + access + ": " + e.getMessage());
    }
  }

  String message(Reservation r) {
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(context.zone());
    return Text.sanitize(
            "hosthog: "
                + context.host()
                + " is reserved EXCLUSIVELY by "
                + r.owner()
                + " until "
                + f.format(r.end())
                + " (reservation "
                + r.id()
                + "): \""
                + r.message()
                + "\"")
        + "\n"
        + "Until then only "
        + r.owner()
        + ", root and members of "
        + String.join(", ", new TreeSet<>(context.adminGroups()))
        + " may log in. Details: hosthog show "
        + r.id()
        + "\n";
  }

  String table(Reservation r) {
    StringBuilder allowed = new StringBuilder("root");
    if (NAME.matcher(r.owner()).matches()) {
      allowed.append(' ').append(r.owner());
    }
    for (String g : new TreeSet<>(context.adminGroups())) {
      if (NAME.matcher(g).matches()) {
        allowed.append(" (").append(g).append(')');
      }
    }
    return "# written by hosthog: "
        + r.owner()
        + " holds the whole host exclusively (reservation "
        + r.id()
        + ")\n"
        + "+:"
        + allowed
        + ":ALL\n-:ALL:ALL\n";
  }

  private void open() throws IOException {
    Files.deleteIfExists(access); // the table first: nobody is denied without a reason
    Files.deleteIfExists(message);
  }

  private static void write(Path path, String text) throws IOException {
    if (Files.exists(path) && Files.readString(path, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    AtomicFile.replace(path, text, "rw-r--r--", false); // PAM reads it with any user's login
  }

  /** The daemon stops: nobody stays locked out by a guard nobody keeps. */
  @Override
  public synchronized void close() {
    closed = true;
    timer.shutdownNow();
    try {
      open();
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "login guard: cannot remove " + access + ": " + e.getMessage());
    }
  }
}
