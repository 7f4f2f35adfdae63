package io.holdfast.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ports a node binds besides its listeners' — the admin API, the test origin, the cluster's member and
 * event-bus ports — checked against the listeners and each other, so that {@code --check} and a reload
 * refuse what the kernel would only refuse at start-up (the listeners among themselves are checked by
 * {@link ListenersSection}). Port 0 (any free port) never clashes.
 */
final class PortClaims {

  private record Claim(String path, String owner, String host, int port) {
  }

  private final List<Claim> claims = new ArrayList<>();
  private final List<ConfigError> errors;

  private PortClaims(List<ConfigError> errors) {
    this.errors = errors;
  }

  static void check(Map<String, ListenerConfig> listeners, AdminConfig admin, OriginConfig origin,
                    ClusterConfig cluster, List<ConfigError> errors) {
    PortClaims ports = new PortClaims(errors);
    listeners.values().forEach(l -> ports.claims.add(
        new Claim("listeners." + l.name() + ".port", "listener \"" + l.name() + "\"", l.host(), l.port())));
    ports.claim("admin.port", "the admin API", admin.host(), admin.port());
    if (origin.enabled()) {
      ports.claim("origin.port", "the origin", origin.host(), origin.port());
    }
    if (cluster.enabled()) {
      ports.claim("cluster.port", "the cluster", cluster.host(), cluster.port());
      ports.claim("cluster.busPort", "the cluster's event bus", cluster.host(), cluster.busPort());
    }
  }

  private void claim(String path, String owner, String host, int port) {
    if (port != 0) {
      for (Claim other : claims) {
        if (other.port() == port && BindAddresses.overlap(host, other.host())) {
          errors.add(new ConfigError(path, host + ":" + port + " is already used by " + other.owner()
              + " (" + other.path() + ")"));
          return;
        }
      }
    }
    claims.add(new Claim(path, owner, host, port));
  }
}
