package io.holdfast.proxy;

import io.holdfast.bus.ServerStats;
import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamPlan;
import io.holdfast.upstream.UpstreamPools;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

import java.util.List;

/** A minimal listener for tests: one HttpServer whose every request is forwarded to upstream "app". */
final class FrontVerticle extends VerticleBase {

  private final UpstreamPlan plan;
  private final Forwarder forwarder = Forwarder.create();
  private volatile UpstreamPools pools;
  private volatile ResponseCompression compression = ResponseCompression.off();
  private HttpServer server;

  private final String hostOverride;

  FrontVerticle(UpstreamPlan plan, String hostOverride) {
    this.plan = plan;
    this.hostOverride = hostOverride;
  }

  @Override
  public Future<?> start() {
    return UpstreamPools.start(vertx, plan).compose(started -> {
      pools = started;
      server = vertx.createHttpServer()
          .requestHandler(request -> forwarder.forward(request, pools.group("app"), hostOverride, compression));
      return server.listen(0, "127.0.0.1");
    });
  }

  /** The listener's response compression from the next request on, as a config change gives it. */
  void compression(ResponseCompression next) {
    this.compression = next;
  }

  /** Switches to pools for {@code next}, as a listener does on reload. */
  void update(UpstreamPlan next) throws Exception {
    Promise<UpstreamPools> promise = Promise.promise();
    // Switched in the update's own callback on the event loop, as DataPlane does: the replaced pools drain then.
    context.runOnContext(v -> pools.update(next).onSuccess(successor -> pools = successor).onComplete(promise));
    promise.future().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  /** The pools' counters, read on the pools' own event loop. */
  List<ServerStats> stats() throws Exception {
    Promise<List<ServerStats>> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(pools.stats()));
    return promise.future().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  ServerStats server() throws Exception {
    return stats().get(0);
  }
}
