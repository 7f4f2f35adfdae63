package io.holdfast.upstream.health;

import io.holdfast.config.HealthCheckConfig;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamTls;

/**
 * What to probe: one server of one upstream, with that upstream's check, the {@code Host} to send and the
 * upstream's TLS settings (probes of a TLS upstream are TLS too, verified the same way).
 */
record ProbeTarget(String upstream, ServerConfig server, HealthCheckConfig check, String host, UpstreamTls tls) {

  ServerKey key() {
    return new ServerKey(upstream, server.address());
  }
}
