package org.hosthog.sync.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hosthog.api.spi.Settings;
import org.hosthog.api.support.SecretFile;
import org.hosthog.api.support.ServiceUrls;

/**
 * The {@code [sync.fleet]} section.
 *
 * @param url the server's base URL (its {@code public_url})
 * @param tokenFile the file holding this host's token ({@code hosthog server enroll HOST})
 * @param interval how often to heartbeat and look for changes not pushed yet
 * @param timeout per request
 * @param serverAdmins whether the server's {@code admin_users} may change anyone's reservations
 *     here (as this host's admins may)
 * @param sampleEvery how often to look at what runs on the GPUs, for the usage statistics
 * @param usageBuffer how much usage to keep for the server while it is away; older is dropped
 */
record FleetSettings(
    URI url,
    Path tokenFile,
    Duration interval,
    Duration timeout,
    boolean serverAdmins,
    Duration sampleEvery,
    Duration usageBuffer) {

  static FleetSettings read(Settings s) {
    URI url =
        ServiceUrls.base(
            s,
            "url",
            s.string("url")
                .orElseThrow(
                    () ->
                        s.invalid(
                            "url",
                            "the state server's URL, e.g. \"https://hosthog.lab.example/\"")),
            "https://hosthog.lab.example/",
            Optional.of("the host's token"),
            s.bool("allow_http").orElse(false));
    Path tokenFile =
        Path.of(
            s.string("token_file")
                .orElseThrow(
                    () ->
                        s.invalid(
                            "token_file",
                            "a file only root can read holding the token 'hosthog server enroll"
                                + " HOST' printed, e.g. \"/etc/hosthog/fleet.token\"")));
    Duration interval = s.duration("interval").orElse(Duration.ofSeconds(30));
    if (interval.compareTo(Duration.ofSeconds(1)) < 0
        || interval.compareTo(Duration.ofSeconds(60)) > 0) {
      throw s.invalid(
          "interval",
          "a duration from 1s to 60s, e.g. \"30s\" (the server shows a host offline after 2 min"
              + " without contact)");
    }
    Duration timeout = s.duration("timeout").orElse(Duration.ofSeconds(10));
    if (timeout.isZero() || timeout.isNegative()) {
      throw s.invalid("timeout", "a positive duration, e.g. \"10s\"");
    }
    Duration sampleEvery = s.duration("sample_every").orElse(Duration.ofMinutes(1));
    if (sampleEvery.compareTo(Duration.ofSeconds(1)) < 0
        || sampleEvery.compareTo(Duration.ofMinutes(5)) > 0) {
      throw s.invalid("sample_every", "a duration from 1s to 5m, e.g. \"1m\"");
    }
    Duration usageBuffer = s.duration("usage_buffer").orElse(Duration.ofDays(7));
    if (usageBuffer.compareTo(Duration.ofHours(1)) < 0
        || usageBuffer.compareTo(Duration.ofDays(30)) > 0) {
      throw s.invalid(
          "usage_buffer",
          "a duration from 1h to 30d, e.g. \"7d\" (how long usage samples wait for an absent"
              + " server)");
    }
    FleetSettings settings =
        new FleetSettings(
            url,
            tokenFile,
            interval,
            timeout,
            s.bool("server_admins").orElse(true),
            sampleEvery,
            usageBuffer);
    settings.token(s.section()); // refuse an unreadable or open token file at start
    return settings;
  }

  /**
   * The token: the token file's first line. Read on each use, so a new token (after enrolling
   * again) works without a restart.
   */
  String token(String section) {
    return SecretFile.read(tokenFile, "[" + section + "] token_file");
  }
}
