package org.hosthog.wire;

/**
 * Constants of the daemon's socket protocol: one JSON object per line each way, request then
 * response.
 *
 * <p>Request: {@code {"v":1,"op":"claim","args":{...}}}. Response: {@code
 * {"v":1,"ok":true,"result":...}} or {@code {"v":1,"ok":false,"error":{"code":"conflict",
 * "message":"...",...}}}. The caller's identity never travels in a request: the daemon reads it
 * from the socket ({@code SO_PEERCRED}).
 */
public final class Protocol {
  /** The version every request and response carries; a daemon refuses any other. */
  public static final int VERSION = 1;

  /** Longest request line accepted, in bytes; longer ones are answered with an error and closed. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private Protocol() {}

  /**
   * How often {@code hosthog run} renews its lease; the daemon releases a lease not renewed for
   * three times as long.
   */
  public static final java.time.Duration LEASE_RENEW_EVERY = java.time.Duration.ofSeconds(20);
}
