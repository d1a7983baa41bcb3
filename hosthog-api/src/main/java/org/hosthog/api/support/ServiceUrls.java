package org.hosthog.api.support;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.hosthog.api.spi.Settings;

/**
 * The one check of a configured service URL (a CalDAV calendar, the state server for a host, the
 * server's own public URL): http or https with a host, made a base URL (its path ends in {@code /},
 * no query or fragment), and plain http refused where a secret would cross the network in clear
 * text, unless the host is loopback or the config says {@code allow_http = true}.
 */
public final class ServiceUrls {
  private ServiceUrls() {}

  /**
   * {@code raw} as a base URL.
   *
   * @param key the config key, for the error
   * @param example a URL to show in the error, e.g. {@code "https://hosthog.lab.example/"}
   * @param secret what would cross the network in clear text over http (e.g. "the password");
   *     empty: plain http is fine
   * @param allowHttp the section's {@code allow_http}
   * @throws RuntimeException {@code settings.invalid(key, ...)} saying what is expected
   */
  public static URI base(
      Settings settings,
      String key,
      String raw,
      String example,
      Optional<String> secret,
      boolean allowHttp) {
    URI u;
    try {
      u = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw settings.invalid(key, "a valid URL (" + e.getMessage() + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
      throw settings.invalid(key, "an http(s) URL with a host, e.g. \"" + example + "\"");
    }
    if (scheme.equals("http") && secret.isPresent() && !allowHttp && !isLoopback(u.getHost())) {
      throw settings.invalid(
          key,
          "an https:// URL: "
              + secret.get()
              + " would cross the network in clear text (allow_http = true accepts http:// anyway)");
    }
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    return URI.create(
        scheme + "://" + u.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
  }

  /** Whether {@code host} (a name or an address) is this machine's loopback. */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
