package io.holdfast.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One listener's routes; {@link #match} returns the longest matching prefix, or null. Immutable.
 * Matching is a pure string prefix test, as nginx's {@code location /x} (so {@code /api} also matches
 * {@code /apix}); routes are kept longest first so the first hit is the answer.
 */
public final class RouteTable {

  private static final RouteTable EMPTY = new RouteTable(new Route[0]);

  private final Route[] longestFirst;

  private RouteTable(Route[] longestFirst) {
    this.longestFirst = longestFirst;
  }

  /** A table of {@code routes}; of two routes with the same prefix the first one listed wins. */
  public static RouteTable of(List<Route> routes) {
    List<Route> sorted = new ArrayList<>(routes);
    // List.sort is stable, so among equal prefixes the config order decides.
    sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
    return new RouteTable(sorted.toArray(new Route[0]));
  }

  public static RouteTable empty() {
    return EMPTY;
  }

  /** The route with the longest prefix of {@code path}, or null when none matches. */
  public Route match(String path) {
    if (path == null) {
      return null;
    }
    // An array walk with startsWith: no allocation, and tables are short (tens of routes at most).
    for (Route route : longestFirst) {
      if (path.startsWith(route.prefix())) {
        return route;
      }
    }
    return null;
  }

  /** The routes, longest prefix first. */
  public List<Route> routes() {
    return List.of(longestFirst);
  }

  @Override
  public String toString() {
    return "RouteTable" + routes();
  }
}
