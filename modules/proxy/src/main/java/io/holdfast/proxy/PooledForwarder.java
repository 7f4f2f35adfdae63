package io.holdfast.proxy;

import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** Stateless: each request gets its own {@link Exchange}, which holds everything about it. */
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
    if (upstream == null) {
      return ErrorReply.send(request, null, null, new UpstreamFailure(502, "no such upstream"));
    }
    return new Exchange(request, upstream, hostOverride, options, compression, trace).run();
  }
}
