package io.holdfast.config;

import java.time.Duration;

/**
 * Active health checks of an upstream's servers (contract §7 {@code healthCheck}): every {@code interval}
 * a {@code GET path} on a connection of its own; a probe fails on a connect error, no whole response
 * within {@code timeout}, or a status outside {@code expectStatus}. {@code fall} consecutive failures
 * take a server out, {@code rise} consecutive passes bring it back (HAProxy's {@code check inter rise fall}).
 * {@code host} is the {@code Host} the probe sends; null means the one the upstream gets from routes
 * (their {@code host} when all routes to it agree on one), else the server's address.
 */
public record HealthCheckConfig(String path, Duration interval, Duration timeout, int rise, int fall,
                                ExpectStatus expectStatus, String host) {

  public static final String DEFAULT_PATH = "/";
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_RISE = 2;
  public static final int DEFAULT_FALL = 3;
}
