package io.holdfast.config;

import io.holdfast.config.key.RequestKey;

import java.time.Duration;
import java.util.List;

/**
 * A named group of servers. {@code maxFails} failures within {@code failTimeout} mark a server down for
 * {@code failTimeout}, as nginx's passive health check does. {@code hashKey} is set exactly when
 * {@code balance} is {@link Balance#HASH}; {@code sticky} is null when sticky sessions are off, and
 * {@code healthCheck} when active health checks are. {@code tls} says whether and how its connections are TLS
 * ({@link UpstreamTls#DISABLED} when plain). {@code tunnelTimeout} closes a WebSocket (or other
 * {@code Upgrade}) tunnel through it that carried no byte either way for that long (HAProxy's {@code timeout tunnel}).
 */
public record UpstreamConfig(
    String name,
    List<ServerConfig> servers,
    Balance balance,
    UpstreamKeepalive keepalive,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxFails,
    Duration failTimeout,
    RequestKey hashKey,
    StickyConfig sticky,
    UpstreamTls tls,
    HealthCheckConfig healthCheck,
    Duration tunnelTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_FAILS = 1;
  public static final Duration DEFAULT_FAIL_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TUNNEL_TIMEOUT = Duration.ofHours(1);
  /** Largest sum of weights with {@code balance: hash}: its ring holds 160 points per unit of weight. */
  public static final int MAX_HASH_WEIGHT = 10_000;

  public UpstreamConfig {
    servers = List.copyOf(servers);
  }
}
