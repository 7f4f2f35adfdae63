package io.holdfast.routing;

import io.vertx.core.http.HttpServerRequest;

/**
 * A compiled route: requests whose path starts with {@code prefix} go to {@code upstream}, or to the
 * upstream their key picks when the route has a {@code split} (then {@code upstream} is null).
 */
public record Route(String prefix, String upstream, String hostOverride, SplitTable split) {

  public Route(String prefix, String upstream, String hostOverride) {
    this(prefix, upstream, hostOverride, null);
  }

  /** The upstream this request goes to: the route's own, or its split's pick. */
  public String upstream(HttpServerRequest request) {
    return split == null ? upstream : split.upstream(request);
  }
}
