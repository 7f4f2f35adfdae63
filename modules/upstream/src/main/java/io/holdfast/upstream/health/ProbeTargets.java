package io.holdfast.upstream.health;

import io.holdfast.config.HealthCheckConfig;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.RouteConfig;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.SplitConfig;
import io.holdfast.config.UpstreamConfig;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The probes a config asks for, one per server of every upstream with a {@code healthCheck}. The
 * {@code Host} a probe sends is the one the upstream would get: {@code healthCheck.host} when set, else the
 * {@code host} of the routes to the upstream when they all set the same one, else the server's address
 * (the routes pass on each client's own {@code Host}, which a probe does not have).
 */
final class ProbeTargets {

  private ProbeTargets() {
  }

  static Map<ServerKey, ProbeTarget> of(HoldfastConfig config) {
    Map<ServerKey, ProbeTarget> targets = new LinkedHashMap<>();
    for (UpstreamConfig upstream : config.upstreams().values()) {
      HealthCheckConfig check = upstream.healthCheck();
      if (check == null) {
        continue;
      }
      String routeHost = check.host() != null ? check.host() : routeHost(config, upstream.name());
      for (ServerConfig server : upstream.servers()) {
        ProbeTarget target = new ProbeTarget(upstream.name(), server, check,
            routeHost != null ? routeHost : server.address(), upstream.tls());
        targets.putIfAbsent(target.key(), target);
      }
    }
    return targets;
  }

  /** The {@code host} every route to {@code upstream} sets, or null when one passes the client's on or they differ. */
  private static String routeHost(HoldfastConfig config, String upstream) {
    Set<String> hosts = new HashSet<>();
    for (ListenerConfig listener : config.listeners().values()) {
      for (RouteConfig route : listener.routes()) {
        if (reaches(route, upstream)) {
          hosts.add(route.host() == null ? "" : route.host());
        }
      }
    }
    return hosts.size() == 1 && !hosts.contains("") ? hosts.iterator().next() : null;
  }

  private static boolean reaches(RouteConfig route, String upstream) {
    if (upstream.equals(route.upstream())) {
      return true;
    }
    SplitConfig split = route.split();
    return split != null && split.buckets().stream().anyMatch(b -> upstream.equals(b.upstream()));
  }
}
