package io.holdfast.routing;

import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.RouteConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every listener's {@link RouteTable} for one config version; published on the bus by reference. */
public record RouteTables(long configVersion, Map<String, RouteTable> byListener) {

  public RouteTables {
    byListener = Map.copyOf(byListener);
  }

  public static RouteTables compile(ConfigSnapshot snapshot) {
    Map<String, RouteTable> tables = new LinkedHashMap<>();
    for (ListenerConfig listener : snapshot.config().listeners().values()) {
      tables.put(listener.name(), compile(listener.routes()));
    }
    return new RouteTables(snapshot.version(), tables);
  }

  static RouteTable compile(List<RouteConfig> routes) {
    return RouteTable.of(routes.stream().map(r -> new Route(r.path(), r.upstream(), r.host(),
        r.split() == null ? null : SplitTable.compile(r.split()))).toList());
  }

  /** The table of {@code listener}, or null when this version has no such listener. */
  public RouteTable forListener(String listener) {
    return byListener.get(listener);
  }
}
