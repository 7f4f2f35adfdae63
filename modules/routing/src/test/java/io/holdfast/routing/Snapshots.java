package io.holdfast.routing;

import io.holdfast.config.AdminConfig;
import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.OriginConfig;
import io.holdfast.config.ReloadConfig;
import io.holdfast.config.RouteConfig;
import io.holdfast.config.Transport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshots built from records, so these tests do not depend on the config parser. */
final class Snapshots {

  static ConfigSnapshot withRoutes(long version, Map<String, List<RouteConfig>> routesByListener) {
    Map<String, ListenerConfig> listeners = new LinkedHashMap<>();
    int port = 8080;
    for (Map.Entry<String, List<RouteConfig>> e : routesByListener.entrySet()) {
      listeners.put(e.getKey(), new ListenerConfig(e.getKey(), "127.0.0.1", port++, ClientKeepalive.defaults(),
          ListenerConfig.DEFAULT_MAX_CONNECTIONS, ListenerConfig.DEFAULT_MAX_HEADER_SIZE,
          ListenerConfig.DEFAULT_MAX_URI_LENGTH, e.getValue()));
    }
    HoldfastConfig config = new HoldfastConfig(1, Transport.NIO, Duration.ofSeconds(1), listeners, Map.of(),
        new AdminConfig("127.0.0.1", 0, null), new ReloadConfig(false, Duration.ofSeconds(1)),
        new OriginConfig(false, "127.0.0.1", 0));
    return new ConfigSnapshot(version, Instant.now(), "test", config);
  }

  private Snapshots() {
  }
}
