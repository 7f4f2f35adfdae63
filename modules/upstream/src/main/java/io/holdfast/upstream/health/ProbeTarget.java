package io.holdfast.upstream.health;

import io.holdfast.config.HealthCheckConfig;
import io.holdfast.config.ServerConfig;

/** What to probe: one server of one upstream, with that upstream's check and the {@code Host} to send. */
record ProbeTarget(String upstream, ServerConfig server, HealthCheckConfig check, String host) {

  ServerKey key() {
    return new ServerKey(upstream, server.address());
  }
}
