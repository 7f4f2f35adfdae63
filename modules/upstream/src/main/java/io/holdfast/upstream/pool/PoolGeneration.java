package io.holdfast.upstream.pool;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamPlan;
import io.holdfast.upstream.UpstreamPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One generation of an instance's pools: the groups of one {@link UpstreamPlan}. {@link #update} builds
 * the next generation on the same {@link PoolRuntime}, keeping groups whose config is unchanged.
 */
public final class PoolGeneration implements UpstreamPools {

  private final PoolRuntime runtime;
  private final Map<String, ServerGroup> groups;

  private PoolGeneration(PoolRuntime runtime, Map<String, ServerGroup> groups) {
    this.runtime = runtime;
    this.groups = groups;
  }

  /** Pools for {@code plan} on the caller's event loop, once their warm connections are open or failed. */
  public static Future<UpstreamPools> start(Vertx vertx, UpstreamPlan plan) {
    if (Vertx.currentContext() == null || !Vertx.currentContext().isEventLoopContext()) {
      throw new IllegalStateException("UpstreamPools must be created on the event loop that uses them");
    }
    PoolGeneration pools = new PoolGeneration(new PoolRuntime(vertx), new HashMap<>());
    return pools.warmNewGroups(plan, Map.of()).map(v -> pools);
  }

  /**
   * Until the returned future completes, this generation serves as before: a group about to be replaced
   * keeps reusing (and keeping) its idle connections. Replaced groups drain in the same event-loop turn
   * that completes the future, right before the caller's callback switches to the successor (DataPlane
   * switches in that callback), so no request in between sees a drained pool.
   */
  @Override
  public Future<UpstreamPools> update(UpstreamPlan next) {
    PoolGeneration successor = new PoolGeneration(runtime, new HashMap<>());
    Future<Void> warm = successor.warmNewGroups(next, groups);
    List<ServerGroup> replaced = new ArrayList<>();
    for (Map.Entry<String, ServerGroup> old : groups.entrySet()) {
      if (successor.groups.get(old.getKey()) != old.getValue()) {
        replaced.add(old.getValue());
      }
    }
    return warm.map(v -> {
      for (ServerGroup group : replaced) {
        for (ServerPool pool : group.pools()) {
          pool.drain();
        }
      }
      return successor;
    });
  }

  /**
   * Fills {@link #groups} from {@code plan}, reusing unchanged groups of {@code previous}. The returned
   * future joins every new pool's warm-up: each warm connect is bounded by its upstream's connect timeout,
   * and a failed one is logged, so it always completes, at the latest after the longest connect timeout.
   */
  private Future<Void> warmNewGroups(UpstreamPlan plan, Map<String, ServerGroup> previous) {
    List<Future<Void>> warming = new ArrayList<>();
    for (Map.Entry<String, UpstreamConfig> entry : plan.upstreams().entrySet()) {
      String name = entry.getKey();
      UpstreamConfig config = entry.getValue();
      ServerGroup kept = previous.get(name);
      if (kept != null && kept.config().equals(config)) {
        groups.put(name, kept);
        continue;
      }
      ServerGroup group = new ServerGroup(config, plan.ring(name), runtime);
      runtime.register(group);
      groups.put(name, group);
      int warm = config.keepalive().warm();
      if (warm > 0) {
        for (ServerPool pool : group.pools()) {
          warming.add(pool.warm(warm));
        }
      }
    }
    return Future.join(warming).mapEmpty();
  }

  @Override
  public UpstreamGroup group(String upstream) {
    return groups.get(upstream);
  }

  @Override
  public void applyHealth(HealthReport report) {
    runtime.applyHealth(report);
  }

  @Override
  public List<ServerStats> stats() {
    return runtime.stats();
  }

  @Override
  public Future<Void> close() {
    return runtime.close();
  }
}
