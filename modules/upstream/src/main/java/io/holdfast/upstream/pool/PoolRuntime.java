package io.holdfast.upstream.pool;

import io.holdfast.bus.ServerPoolStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * What every generation of one instance's pools shares: the connector, the periodic sweep, and the
 * registry of live and draining server pools (so stats and sweeps see a draining pool until it is empty).
 */
final class PoolRuntime {

  /** Sweep period: bounds how late an idle connection past a retire rule or past linger is closed. */
  static final long SWEEP_PERIOD_MILLIS = 100;

  private final Vertx vertx;
  final Connector connector;
  private final List<ServerPool> pools = new ArrayList<>();
  private final long timer;
  private Promise<Void> closing;

  PoolRuntime(Vertx vertx) {
    this.vertx = vertx;
    this.connector = new Connector(vertx);
    this.timer = vertx.setPeriodic(SWEEP_PERIOD_MILLIS, id -> sweep());
  }

  void register(ServerGroup group) {
    pools.addAll(List.of(group.pools()));
  }

  private void sweep() {
    long now = System.nanoTime();
    pools.removeIf(pool -> {
      pool.sweep(now);
      return pool.draining() && pool.open() == 0;
    });
    if (closing != null && pools.isEmpty()) {
      vertx.cancelTimer(timer);
      connector.close().onComplete(closing);
    }
  }

  List<ServerPoolStats> stats() {
    long now = System.nanoTime();
    List<ServerPoolStats> stats = new ArrayList<>(pools.size());
    for (ServerPool pool : pools) {
      stats.add(pool.stats(now));
    }
    return stats;
  }

  Future<Void> close() {
    if (closing == null) {
      closing = Promise.promise();
      pools.forEach(ServerPool::drain);
      sweep();
    }
    return closing.future();
  }
}
