package io.holdfast.proxy;

import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamGroup;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Forwards one client request to an upstream and streams the response back, on the caller's event loop.
 * Hop-by-hop headers are dropped both ways (but for the {@code Upgrade} of a protocol switch passed through),
 * {@code X-Forwarded-*} and {@code Via} added; upstream failures become 502/503/504 answers.
 */
public interface Forwarder {

  static Forwarder create() {
    return new PooledForwarder();
  }

  /**
   * Forwards {@code request} to {@code upstream}; {@code hostOverride} (nullable) replaces the Host
   * header. The future completes when the client response has ended (or failed). A null
   * {@code upstream} gets a 502.
   */
  Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride);

  /**
   * As {@link #forward(HttpServerRequest, UpstreamGroup, String)}, with the listener's response
   * {@code compression} applied to the upstream's response. A forwarder that does not relay an upstream
   * response (a test stand-in) ignores it.
   */
  default Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                               ResponseCompression compression) {
    return forward(request, upstream, hostOverride);
  }

  /**
   * As {@link #forward(HttpServerRequest, UpstreamGroup, String, ResponseCompression)}, telling {@code trace}
   * which upstream connection the request went out on and what came back (for the access log). A forwarder
   * without an upstream side (a test stand-in) ignores it.
   */
  default Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                               ResponseCompression compression, ExchangeTrace trace) {
    return forward(request, upstream, hostOverride, compression);
  }

  /**
   * As {@link #forward(HttpServerRequest, UpstreamGroup, String, ResponseCompression, ExchangeTrace)}, and a
   * request that asks to switch protocols ({@link UpgradeRequests}) is passed through: on the upstream's
   * {@code 101} the client connection becomes a tunnel governed by {@code tunnels}, and the future completes
   * when the tunnel has closed. A forwarder that does not tunnel ignores {@code tunnels}.
   */
  default Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                               ResponseCompression compression, ExchangeTrace trace, ClientTunnels tunnels) {
    return forward(request, upstream, hostOverride, compression, trace);
  }
}
