package io.holdfast.routing;

/** One listener's routes; {@link #match} returns the longest matching prefix, or null. Immutable. */
public final class RouteTable {

  public Route match(String path) {
    throw new UnsupportedOperationException("TODO");
  }
}
