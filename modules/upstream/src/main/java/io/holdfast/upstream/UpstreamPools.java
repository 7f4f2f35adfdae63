package io.holdfast.upstream;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.ServerStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * All upstream pools of one listener instance. Created, used and updated only on that instance's event
 * loop, so nothing in it is shared between threads and nothing locks.
 */
public interface UpstreamPools {

  /**
   * Pools for {@code plan}, completing once every warm connection is open or has failed; call on the
   * event loop that will use them. Each warm connect is bounded by its upstream's {@code connectTimeout}
   * and a failed one is logged, never failing this future, so it completes at the latest after the
   * longest connect timeout.
   */
  static Future<UpstreamPools> start(Vertx vertx, UpstreamPlan plan) {
    return io.holdfast.upstream.pool.PoolGeneration.start(vertx, plan);
  }

  /**
   * Pools for the next plan: an upstream whose config is unchanged keeps its pool (and its idle
   * connections); a changed or new one gets a new pool, warmed before the returned future completes
   * (every warm-up joins, bounded as for {@link #start}). Until then this generation serves unchanged,
   * idle connections included. A replaced pool drains in the event-loop turn that completes the future:
   * in-flight requests finish, then their connections close; idle connections close at once. The caller
   * must therefore switch to the successor in that future's callback, on this event loop. Counters of a
   * server continue across the replacement.
   */
  Future<UpstreamPools> update(UpstreamPlan next);

  /**
   * Applies the health owner's latest {@code report} (probe verdicts, passive marks of every instance) to
   * every server of every generation of these pools, on this event loop. An older report is ignored.
   */
  default void applyHealth(HealthReport report) {
  }

  /** The group named {@code upstream}, or null when the plan has none. */
  UpstreamGroup group(String upstream);

  /**
   * Every server's counters, read now: one entry per upstream server, its gauges summing the live pool
   * and any draining one, its counters cumulative since the server first got a pool on this instance.
   */
  List<ServerStats> stats();

  /** Drains every pool: in-flight exchanges finish, idle connections close. */
  Future<Void> close();
}
