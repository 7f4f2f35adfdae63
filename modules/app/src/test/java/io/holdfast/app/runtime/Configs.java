package io.holdfast.app.runtime;

import io.holdfast.config.AdminConfig;
import io.holdfast.config.Balance;
import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.OriginConfig;
import io.holdfast.config.ReloadConfig;
import io.holdfast.config.RouteConfig;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.Transport;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.config.UpstreamKeepalive;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Configs built from the records, for tests that must not depend on the parser. */
final class Configs {

  private Configs() {
  }

  static HoldfastConfig of(int instances, int maxConnections, int servers, int idleConnections) {
    ListenerConfig listener = new ListenerConfig("main", "127.0.0.1", 0, ClientKeepalive.defaults(), maxConnections,
        8192, 8192, List.of(new RouteConfig("/", "app", null)));
    List<ServerConfig> serverList = java.util.stream.IntStream.range(0, servers)
        .mapToObj(i -> new ServerConfig("127.0.0.1", 8000 + i, 1, 0)).toList();
    UpstreamKeepalive keepalive = new UpstreamKeepalive(idleConnections, Duration.ofSeconds(60), 1000,
        Duration.ofHours(1), Duration.ofSeconds(1), 0);
    UpstreamConfig upstream = new UpstreamConfig("app", serverList, Balance.ROUND_ROBIN, keepalive,
        Duration.ofSeconds(5), Duration.ofSeconds(60), 1, Duration.ofSeconds(10));
    return new HoldfastConfig(instances, Transport.NIO, Duration.ofSeconds(30), Map.of("main", listener),
        Map.of("app", upstream), new AdminConfig("127.0.0.1", 0, null), new ReloadConfig(false, Duration.ofSeconds(1)),
        new OriginConfig(false, "127.0.0.1", 0));
  }
}
