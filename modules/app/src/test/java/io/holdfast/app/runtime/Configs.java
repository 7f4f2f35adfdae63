package io.holdfast.app.runtime;

import io.holdfast.config.HoldfastConfig;
import io.holdfast.testkit.TestConfig;

/** The one config shape the runtime tests vary: instances, client connections, servers, idle pool size. */
final class Configs {

  private Configs() {
  }

  static HoldfastConfig of(int instances, int maxConnections, int servers, int idleConnections) {
    int[] ports = java.util.stream.IntStream.range(0, servers).map(i -> 8000 + i).toArray();
    return TestConfig.proxying(ports)
        .set("instances", instances)
        .set("listeners.main.maxConnections", maxConnections)
        .set("upstreams.app.keepalive.connections", idleConnections)
        .config();
  }
}
