package io.holdfast.routing;

import io.holdfast.config.ConfigSnapshot;

import java.util.Map;

/** Every listener's {@link RouteTable} for one config version; published on the bus by reference. */
public record RouteTables(long configVersion, Map<String, RouteTable> byListener) {

  public RouteTables {
    byListener = Map.copyOf(byListener);
  }

  public static RouteTables compile(ConfigSnapshot snapshot) {
    throw new UnsupportedOperationException("TODO");
  }

  public RouteTable forListener(String listener) {
    return byListener.get(listener);
  }
}
