package io.holdfast.upstream;

import io.holdfast.bus.ServerPoolStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * All upstream pools of one listener instance. Created, used and updated only on that instance's event
 * loop, so nothing in it is shared between threads and nothing locks.
 */
public interface UpstreamPools {

  /** Pools for {@code plan}; call on the event loop that will use them. */
  static UpstreamPools create(Vertx vertx, UpstreamPlan plan) {
    return io.holdfast.upstream.pool.LocalPools.create(vertx, plan);
  }

  /**
   * Pools for the next plan: an upstream whose config is unchanged keeps its pool (and its idle
   * connections); a changed or removed one gets a new pool and the old one drains (in-flight requests
   * finish, idle connections close). Warm pools are warm before the returned future completes.
   */
  Future<UpstreamPools> update(UpstreamPlan next);

  /** The group named {@code upstream}, or null when the plan has none. */
  UpstreamGroup group(String upstream);

  /** Counters of every server pool, including draining ones, read now. */
  List<ServerPoolStats> stats();

  /** Drains every pool: in-flight exchanges finish, idle connections close. */
  Future<Void> close();
}
