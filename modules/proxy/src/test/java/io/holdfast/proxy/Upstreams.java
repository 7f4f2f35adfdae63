package io.holdfast.proxy;

import io.holdfast.config.Balance;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.config.UpstreamKeepalive;
import io.holdfast.upstream.UpstreamPlan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Test configs: upstream "app" on one local port, with keepalive settings varied per test. */
final class Upstreams {

  private Upstreams() {
  }

  static UpstreamKeepalive keepalive(int connections, Duration timeout, int requests, Duration linger) {
    return new UpstreamKeepalive(connections, timeout, requests, Duration.ofHours(1), linger, 0);
  }

  static UpstreamKeepalive defaults() {
    return keepalive(32, Duration.ofSeconds(60), 1000, Duration.ZERO);
  }

  static UpstreamPlan plan(int port, UpstreamKeepalive keepalive) {
    return plan(port, keepalive, Duration.ofSeconds(5));
  }

  static UpstreamPlan plan(int port, UpstreamKeepalive keepalive, Duration responseTimeout) {
    return plan(port, keepalive, responseTimeout, 0);
  }

  static UpstreamPlan plan(int port, UpstreamKeepalive keepalive, Duration responseTimeout, int maxConnections) {
    UpstreamConfig app = new UpstreamConfig("app",
        List.of(new ServerConfig("127.0.0.1", port, 1, maxConnections)),
        Balance.ROUND_ROBIN, keepalive, Duration.ofSeconds(2), responseTimeout, 1, Duration.ofSeconds(10));
    return new UpstreamPlan(1, Map.of("app", app));
  }
}
