package io.holdfast.upstream;

import io.holdfast.config.UpstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** One upstream on one event loop: picks a server (balance, passive health) and leases a connection. */
public interface UpstreamGroup {

  UpstreamConfig config();

  /**
   * A connection to a server of this upstream: an idle pooled one when there is one, else a new one.
   * Fails with an {@link UpstreamFailure} carrying 502 (connect refused or timed out, every server down)
   * or 503 (every server at {@code maxConnections}).
   */
  Future<UpstreamLease> acquire();

  /**
   * {@link #acquire()} for {@code request}: its hash key ({@code balance: hash}) and sticky cookie are read
   * to pick the server, and the lease says which cookie the response must set. Without request data a
   * hash upstream falls back to round-robin and stickiness is ignored.
   */
  default Future<UpstreamLease> acquire(HttpServerRequest request) {
    return acquire();
  }
}
