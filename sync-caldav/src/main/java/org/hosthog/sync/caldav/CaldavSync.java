package org.hosthog.sync.caldav;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservations;
import org.hosthog.api.Text;
import org.hosthog.api.spi.CalendarSync;
import org.hosthog.api.spi.SyncStatus;
import org.hosthog.api.support.DaemonThreads;

/**
 * Runs {@link Reconciler} on one thread of its own: every {@code interval}, a second after each
 * local change, and when asked ({@code hosthog sync}). While the calendar is down or throttling, it
 * waits as long as the server asks ({@code Retry-After}) or backs off, doubling up to an hour;
 * local changes meanwhile simply stay pending in the store.
 */
final class CaldavSync implements CalendarSync {
  private static final System.Logger LOG = System.getLogger(CaldavSync.class.getName());

  /** Local changes are pushed this long after they happen, so a burst of edits is one sync. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  /**
   * Throttled or wrong credentials: Nextcloud's brute-force protection punishes retries (pitfall
   * 6).
   */
  private static final Duration UNAUTHORIZED_BACKOFF = Duration.ofMinutes(5);

  private static final int NOTICES = 20;

  /**
   * {@code hosthog sync} waits this long, within the CLI's 30 s; a slower sync finishes in the
   * background.
   */
  static final Duration SYNC_NOW_WAIT = Duration.ofSeconds(20);

  private final Reconciler reconciler;
  private final CaldavSettings settings;
  private final Clock clock;
  private final ZoneId zone;
  private final ScheduledExecutorService thread;
  private final Deque<String> notices = new ArrayDeque<>();
  private ScheduledFuture<?> next;
  private Instant nextAt = Instant.MAX;
  private Instant notBefore = Instant.MIN;
  private int failures;
  private Optional<Instant> lastSuccess = Optional.empty();
  private Optional<String> lastError = Optional.empty();
  private volatile SyncStatus status = new SyncStatus(Optional.empty(), 0, List.of());

  CaldavSync(
      CaldavSettings settings,
      SyncState state,
      CalDav dav,
      EventCodec codec,
      Reservations reservations,
      String host,
      Clock clock,
      ZoneId zone) {
    this.settings = settings;
    this.clock = clock;
    this.zone = zone;
    this.reconciler =
        new Reconciler(dav, codec, state, reservations, settings, host, clock, zone, this::notice);
    this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hosthog-caldav"));
    thread.execute(() -> schedule(Duration.ZERO));
  }

  @Override
  public void onEvent(HostEvent event) {
    if ((event instanceof HostEvent.Created
            || event instanceof HostEvent.Changed
            || event instanceof HostEvent.Released
            || event instanceof HostEvent.SeriesChanged)
        && !thread.isShutdown()) {
      try {
        thread.execute(() -> schedule(SETTLE));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closed meanwhile: the next daemon start syncs what this change left pending
      }
    }
  }

  @Override
  public SyncStatus syncNow() {
    Future<SyncStatus> f =
        thread.submit(
            () -> {
              attempt();
              return status;
            });
    try {
      return f.get(SYNC_NOW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return withProblem(
          "the sync is still running (slow calendar); its result will show in the next hosthog sync");
    } catch (ExecutionException e) {
      return withProblem("sync failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return status;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return withProblem("calendar sync is stopped");
    }
  }

  @Override
  public SyncStatus status() {
    return status;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs on the sync thread: sync now unless a sooner run is planned; never before the back-off
   * ends.
   */
  private void schedule(Duration in) {
    Instant at = clock.instant().plus(in);
    if (at.isBefore(notBefore)) {
      at = notBefore;
    }
    if (next != null && !next.isDone() && !at.isBefore(nextAt)) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    nextAt = at;
    next =
        thread.schedule(
            this::attempt,
            Math.max(0, Duration.between(clock.instant(), at).toMillis()),
            TimeUnit.MILLISECONDS);
  }

  /** One sync on the sync thread; plans the next. */
  private void attempt() {
    Duration wait = settings.interval();
    try {
      reconciler.run();
      lastSuccess = Optional.of(clock.instant());
      lastError = Optional.empty();
      failures = 0;
      notBefore = Instant.MIN;
    } catch (DavException e) {
      failures++;
      wait = backoff(e);
      notBefore = clock.instant().plus(wait);
      lastError =
          Optional.of(
              e.getMessage()
                  + " ("
                  + (e.retryable() ? "trying again" : "trying again after it is fixed,")
                  + " at "
                  + DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH)
                      .format(notBefore.atZone(zone))
                  + ")");
      LOG.log(System.Logger.Level.WARNING, "calendar sync failed: " + lastError.get());
    } catch (RuntimeException e) {
      failures++;
      wait = backoff(null);
      notBefore = clock.instant().plus(wait);
      lastError = Optional.of("calendar sync failed: " + e);
      LOG.log(System.Logger.Level.ERROR, "calendar sync failed", e);
    }
    status = snapshot();
    next = null;
    schedule(wait);
  }

  private Duration backoff(DavException e) {
    Duration doubling = settings.interval().multipliedBy(1L << Math.min(failures - 1, 10));
    Duration wait = doubling.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubling;
    if (e != null && e.unauthorized() && wait.compareTo(UNAUTHORIZED_BACKOFF) < 0) {
      wait = UNAUTHORIZED_BACKOFF;
    }
    if (e != null && e.retryAfter().isPresent() && e.retryAfter().get().compareTo(wait) > 0) {
      wait = e.retryAfter().get().compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : e.retryAfter().get();
    }
    return wait;
  }

  private void notice(String text) {
    LOG.log(System.Logger.Level.WARNING, "calendar sync: " + text);
    synchronized (notices) {
      notices.addFirst(
          DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)
                  .format(clock.instant().atZone(zone))
              + " "
              + text);
      while (notices.size() > NOTICES) {
        notices.removeLast();
      }
    }
  }

  private SyncStatus snapshot() {
    List<String> problems = new ArrayList<>();
    lastError.ifPresent(problems::add);
    synchronized (notices) {
      problems.addAll(notices);
    }
    List<String> unreadable = reconciler.unreadable();
    problems.addAll(unreadable.subList(0, Math.min(unreadable.size(), NOTICES)));
    if (unreadable.size() > NOTICES) {
      problems.add(
          "... and "
              + (unreadable.size() - NOTICES)
              + " more calendar events not taken (see the daemon's log)");
    }
    int pending;
    try {
      pending = reconciler.pending();
    } catch (RuntimeException e) {
      pending = status.pending();
    }
    // server answers and event titles end up on terminals (hosthog sync): no control characters
    return new SyncStatus(lastSuccess, pending, problems.stream().map(Text::sanitize).toList());
  }

  private SyncStatus withProblem(String problem) {
    List<String> problems = new ArrayList<>(List.of(problem));
    problems.addAll(status.problems());
    return new SyncStatus(status.lastSuccess(), status.pending(), problems);
  }
}
