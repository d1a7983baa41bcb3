package org.hosthog.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hosthog.api.ConfigException;
import org.hosthog.api.spi.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one URL check of the calendar, the fleet link and the server. */
class ServiceUrlsTest {
  /** Settings whose only use here is the error they make. */
  private static final Settings SECTION =
      new Settings() {
        @Override
        public String section() {
          return "sync.test";
        }

        @Override
        public Optional<String> string(String key) {
          return Optional.empty();
        }

        @Override
        public Optional<Long> integer(String key) {
          return Optional.empty();
        }

        @Override
        public Optional<Boolean> bool(String key) {
          return Optional.empty();
        }

        @Override
        public Optional<Duration> duration(String key) {
          return Optional.empty();
        }

        @Override
        public List<String> strings(String key) {
          return List.of();
        }

        @Override
        public Map<String, String> table(String key) {
          return Map.of();
        }

        @Override
        public RuntimeException invalid(String key, String expected) {
          return new ConfigException(key + ": expected " + expected);
        }
      };

  private static URI base(String raw, boolean allowHttp) {
    return ServiceUrls.base(
        SECTION, "url", raw, "https://x.example/", Optional.of("the token"), allowHttp);
  }

  @ParameterizedTest
  @CsvSource({
    "https://hosthog.lab.example, https://hosthog.lab.example/",
    "HTTPS://hosthog.lab.example/a, https://hosthog.lab.example/a/",
    "'  https://h.example:8443/dav/cal/  ', https://h.example:8443/dav/cal/",
    "https://h.example/x?y=1#z, https://h.example/x/",
    "http://127.0.0.1:8470, http://127.0.0.1:8470/",
    "http://localhost/, http://localhost/",
  })
  void aUrlBecomesABaseUrl(String raw, String expected) {
    assertEquals(URI.create(expected), base(raw, false));
  }

  @ParameterizedTest
  @CsvSource({
    "http://hosthog.lab.example/, the token would cross the network in clear text",
    "ftp://h.example/, an http(s) URL with a host",
    "https:///nohost, an http(s) URL with a host",
    "'https://h.example/a b', a valid URL",
    "hosthog.lab.example, an http(s) URL with a host",
  })
  void aBadUrlIsRefusedSayingWhatIsExpected(String raw, String fragment) {
    ConfigException e = assertThrows(ConfigException.class, () -> base(raw, false));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"http://hosthog.lab.example/"})
  void allowHttpAcceptsPlainHttp(String raw) {
    assertEquals(URI.create(raw), base(raw, true));
  }
}
