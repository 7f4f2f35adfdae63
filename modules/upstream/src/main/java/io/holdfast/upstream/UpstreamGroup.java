package io.holdfast.upstream;

import io.holdfast.config.UpstreamConfig;
import io.vertx.core.Future;

/** One upstream on one event loop: picks a server (balance, passive health) and leases a connection. */
public interface UpstreamGroup {

  UpstreamConfig config();

  /**
   * A connection to a server of this upstream: an idle pooled one when there is one, else a new one.
   * Fails with an {@link UpstreamFailure} carrying 502 (connect refused or timed out, every server down)
   * or 503 (every server at {@code maxConnections}).
   */
  Future<UpstreamLease> acquire();
}
