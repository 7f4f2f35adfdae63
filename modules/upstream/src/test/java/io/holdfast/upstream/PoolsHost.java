package io.holdfast.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a test's {@link UpstreamPools} on the event loop of one verticle, as a listener instance would:
 * deployed once the pools are warm.
 */
final class PoolsHost extends VerticleBase {

  private final UpstreamPlan plan;
  volatile UpstreamPools pools;
  Thread loop;

  PoolsHost(UpstreamPlan plan) {
    this.plan = plan;
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
}
