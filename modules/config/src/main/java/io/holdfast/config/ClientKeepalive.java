package io.holdfast.config;

import java.time.Duration;

/**
 * Client-to-proxy keepalive, as nginx's {@code keepalive_timeout}, {@code keepalive_requests} and
 * {@code keepalive_time}. A zero {@code timeout} turns client keepalive off.
 */
public record ClientKeepalive(Duration timeout, int requests, Duration time) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(75);
  public static final int DEFAULT_REQUESTS = 1000;
  public static final Duration DEFAULT_TIME = Duration.ofHours(1);

  public static ClientKeepalive defaults() {
    return new ClientKeepalive(DEFAULT_TIMEOUT, DEFAULT_REQUESTS, DEFAULT_TIME);
  }

  public boolean enabled() {
    return !timeout.isZero();
  }
}
