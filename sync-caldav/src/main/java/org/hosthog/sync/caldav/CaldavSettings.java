package org.hosthog.sync.caldav;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hosthog.api.spi.Settings;
import org.hosthog.api.support.SecretFile;
import org.hosthog.api.support.ServiceUrls;

/**
 * The {@code [sync.caldav]} section.
 *
 * @param url the calendar's URL, or the server root to discover it from
 * @param calendar which calendar under the root (display name or URL segment), when there are
 *     several
 * @param username the calendar account
 * @param password read from {@code password_file}
 * @param interval how often to look for changes in the calendar
 * @param timeout per request
 * @param users calendar identity (e-mail, lower case) → Unix user
 * @param claimUnmarked whether events without a {@code [host]} mark are this host's (one host per
 *     calendar)
 */
record CaldavSettings(
    URI url,
    Optional<String> calendar,
    String username,
    String password,
    Duration interval,
    Duration timeout,
    Map<String, String> users,
    boolean claimUnmarked) {

  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** Identifies the configured calendar: changing it starts a new sync state. */
  String source() {
    return url + calendar.map(c -> "#" + c).orElse("");
  }

  static CaldavSettings read(Settings s) {
    String rawUrl =
        s.string("url")
            .orElseThrow(
                () ->
                    s.invalid(
                        "url",
                        "the calendar's URL, e.g. \"https://cloud.example.org/remote.php/dav/calendars/hosthog/lab-servers/\""));
    URI url =
        ServiceUrls.base(
            s,
            "url",
            rawUrl,
            "https://cloud.example.org/remote.php/dav/calendars/hosthog/lab-servers/",
            Optional.of("the password"),
            s.bool("allow_http").orElse(false));
    String username =
        s.string("username")
            .orElseThrow(() -> s.invalid("username", "the calendar account's user name"));
    Path passwordFile =
        Path.of(
            s.string("password_file")
                .orElseThrow(
                    () ->
                        s.invalid(
                            "password_file",
                            "a file only root can read that holds the calendar password (a Nextcloud app password works)")));
    Duration interval = s.duration("interval").orElse(Duration.ofSeconds(60));
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw s.invalid("interval", "a duration of at least 1s, e.g. \"60s\"");
    }
    Duration timeout = s.duration("timeout").orElse(Duration.ofSeconds(30));
    if (timeout.isZero() || timeout.isNegative()) {
      throw s.invalid("timeout", "a positive duration, e.g. \"30s\"");
    }
    Map<String, String> users = new HashMap<>();
    s.table("users")
        .forEach(
            (identity, user) -> users.put(identity.strip().toLowerCase(Locale.ROOT), user.strip()));
    return new CaldavSettings(
        url,
        s.string("calendar"),
        username,
        SecretFile.read(passwordFile, "[" + s.section() + "] password_file"),
        interval,
        timeout,
        Map.copyOf(users),
        s.bool("claim_unmarked").orElse(true));
  }
}
