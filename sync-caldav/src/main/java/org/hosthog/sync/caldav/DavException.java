package org.hosthog.sync.caldav;

import java.time.Duration;
import java.util.Optional;

/**
 * The calendar server did not do what was asked.
 *
 * @see #retryable()
 */
final class DavException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code 0} when no HTTP answer came at all (connection refused, timeout, garbage). */
  private final int status;

  private final transient Optional<Duration> retryAfter;

  DavException(int status, Optional<Duration> retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  DavException(int status, String message) {
    this(status, Optional.empty(), message, null);
  }

  /** What the server asked for in {@code Retry-After}, if anything. */
  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** Whether asking again later may work without anyone changing anything (down, busy, slow). */
  boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  /** Wrong or throttled credentials: asking again soon only makes Nextcloud's throttling worse. */
  boolean unauthorized() {
    return status == 401;
  }
}
