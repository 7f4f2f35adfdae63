package io.holdfast.upstream;

import io.holdfast.bus.ServerStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a test's {@link UpstreamPools} on the event loop of one verticle, as a listener instance would:
 * deployed once the pools are warm.
 */
final class PoolsHost extends VerticleBase {

  private final UpstreamPlan plan;
  volatile UpstreamPools pools;
  Thread loop;

  private PoolsHost(UpstreamPlan plan) {
    this.plan = plan;
  }

  /** A host for {@code plan} deployed on {@code vertx}: its pools are warm when this returns. */
  static PoolsHost deploy(Vertx vertx, UpstreamPlan plan) throws Exception {
    PoolsHost host = new PoolsHost(plan);
    vertx.deployVerticle(host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return host;
  }

  @Override
  public Future<?> start() {
    loop = Thread.currentThread();
    return UpstreamPools.start(vertx, plan).onSuccess(started -> pools = started);
  }

  /** Runs {@code action} on the host's event loop and waits for its future from the test thread. */
  <T> T on(Function<UpstreamPools, Future<T>> action) throws Exception {
    return begin(action).get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on the host's event loop without waiting for it. */
  <T> CompletableFuture<T> begin(Function<UpstreamPools, Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.apply(pools).onComplete(promise));
    return promise.future().toCompletionStage().toCompletableFuture();
  }

  /** The counters of the plan's only server. */
  ServerStats single() throws Exception {
    List<ServerStats> stats = on(pools -> Future.succeededFuture(pools.stats()));
    assertThat(stats).hasSize(1);
    return stats.get(0);
  }

  /** One {@code GET /} over a lease from upstream "app", released after the body: the body. */
  String get() throws Exception {
    return on(pools -> pools.group("app").acquire().compose(lease ->
        lease.connection().request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/"))
            .compose(req -> req.send())
            .compose(resp -> resp.body().map(b -> {
              lease.release(resp);
              return b.toString();
            }))));
  }
}
