package io.holdfast.config;

import java.time.Duration;

/**
 * Proxy-to-upstream keepalive with nginx's semantics: {@code connections} caps the idle connections kept
 * per server and instance (not the concurrent ones); 0 = a new connection per request. Surplus idle
 * connections close after lingering {@code linger}; {@code warm} connections are opened ahead of traffic.
 */
public record UpstreamKeepalive(
    int connections,
    Duration timeout,
    int requests,
    Duration time,
    Duration linger,
    int warm) {

  public static final int DEFAULT_CONNECTIONS = 32;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_REQUESTS = 1000;
  public static final Duration DEFAULT_TIME = Duration.ofHours(1);
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);
  public static final int DEFAULT_WARM = 0;

  public static UpstreamKeepalive defaults() {
    return new UpstreamKeepalive(DEFAULT_CONNECTIONS, DEFAULT_TIMEOUT, DEFAULT_REQUESTS, DEFAULT_TIME,
        DEFAULT_LINGER, DEFAULT_WARM);
  }

  public boolean enabled() {
    return connections > 0;
  }
}
