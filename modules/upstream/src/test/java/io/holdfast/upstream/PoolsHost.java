package io.holdfast.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs a test's {@link UpstreamPools} on the event loop of one verticle, as a listener instance would. */
final class PoolsHost extends VerticleBase {

  private final UpstreamPlan plan;
  UpstreamPools pools;
  Thread loop;

  PoolsHost(UpstreamPlan plan) {
    this.plan = plan;
  }

  @Override
  public Future<?> start() {
    loop = Thread.currentThread();
    pools = UpstreamPools.create(vertx, plan);
    return Future.succeededFuture();
  }

  /** Runs {@code action} on the host's event loop and waits for its future from the test thread. */
  <T> T on(Function<UpstreamPools, Future<T>> action) throws Exception {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.apply(pools).onComplete(promise));
    return promise.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
