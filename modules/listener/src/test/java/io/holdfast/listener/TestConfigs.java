package io.holdfast.listener;

import io.holdfast.config.AdminConfig;
import io.holdfast.config.Balance;
import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.ConfigSnapshot;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Config records for tests, with the documented defaults where a test does not care. */
public final class TestConfigs {

  public static ListenerConfig listener(String name, int port, ClientKeepalive keepalive, int maxConnections,
                                        List<RouteConfig> routes) {
    return new ListenerConfig(name, "127.0.0.1", port, keepalive, maxConnections,
        ListenerConfig.DEFAULT_MAX_HEADER_SIZE, ListenerConfig.DEFAULT_MAX_URI_LENGTH, routes);
  }

  public static ListenerConfig listener(ClientKeepalive keepalive, int maxConnections) {
    return listener("main", 0, keepalive, maxConnections, List.of(new RouteConfig("/", "app", null)));
  }

  public static ClientKeepalive keepalive(Duration timeout, int requests, Duration time) {
    return new ClientKeepalive(timeout, requests, time);
  }

  public static UpstreamConfig upstream(String name, int port) {
    return new UpstreamConfig(name, List.of(new ServerConfig("127.0.0.1", port, 1, 0)), Balance.ROUND_ROBIN,
        UpstreamKeepalive.defaults(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofSeconds(10));
  }

  public static ConfigSnapshot snapshot(long version, List<ListenerConfig> listeners, List<UpstreamConfig> upstreams) {
    Map<String, ListenerConfig> byName = new LinkedHashMap<>();
    listeners.forEach(l -> byName.put(l.name(), l));
    Map<String, UpstreamConfig> ups = new LinkedHashMap<>();
    upstreams.forEach(u -> ups.put(u.name(), u));
    HoldfastConfig config = new HoldfastConfig(1, Transport.NIO, Duration.ofSeconds(2), byName, ups,
        new AdminConfig("127.0.0.1", 0, null), new ReloadConfig(false, Duration.ofSeconds(1)),
        new OriginConfig(false, "127.0.0.1", 0));
    return new ConfigSnapshot(version, Instant.now(), "test", config);
  }

  private TestConfigs() {
  }
}
