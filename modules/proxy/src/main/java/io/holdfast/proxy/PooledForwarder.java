package io.holdfast.proxy;

import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** Stateless: each request gets its own {@link Exchange} (or {@link UpgradeExchange}), which holds everything about it. */
final class PooledForwarder implements Forwarder {

  private final UpstreamRequestOptions options = new UpstreamRequestOptions();

  @Override
  public Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride) {
    return forward(request, upstream, hostOverride, ResponseCompression.off());
  }

  @Override
  public Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                              ResponseCompression compression) {
    return forward(request, upstream, hostOverride, compression, ExchangeTrace.NONE);
  }

  @Override
  public Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                              ResponseCompression compression, ExchangeTrace trace) {
    return forward(request, upstream, hostOverride, compression, trace, null);
  }

  /** {@code tunnels} null: no governance to hand a tunnel to, so no upgrade passes (Upgrade is stripped). */
  @Override
  public Future<Void> forward(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                              ResponseCompression compression, ExchangeTrace trace, ClientTunnels tunnels) {
    if (upstream == null) {
      return ErrorReply.send(request, null, null, new UpstreamFailure(502, "no such upstream"));
    }
    if (tunnels != null && UpgradeRequests.tunnelled(request)) {
      return new UpgradeExchange(request, upstream, hostOverride, options, compression, trace, tunnels).run();
    }
    return new Exchange(request, upstream, hostOverride, options, compression, trace).run();
  }
}
