package io.holdfast.upstream.pool;

import io.holdfast.bus.ServerPoolStats;
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
public final class LocalPools implements UpstreamPools {

  private final PoolRuntime runtime;
  private final Map<String, ServerGroup> groups;

  private LocalPools(PoolRuntime runtime, Map<String, ServerGroup> groups) {
    this.runtime = runtime;
    this.groups = groups;
  }

  /** Pools for {@code plan} on the caller's event loop; warm connections open in the background. */
  public static UpstreamPools create(Vertx vertx, UpstreamPlan plan) {
    if (Vertx.currentContext() == null || !Vertx.currentContext().isEventLoopContext()) {
      throw new IllegalStateException("UpstreamPools must be created on the event loop that uses them");
    }
    LocalPools pools = new LocalPools(new PoolRuntime(vertx), new HashMap<>());
    pools.warmNewGroups(plan, Map.of());
    return pools;
  }

  @Override
  public Future<UpstreamPools> update(UpstreamPlan next) {
    LocalPools successor = new LocalPools(runtime, new HashMap<>());
    Future<Void> warm = successor.warmNewGroups(next, groups);
    for (Map.Entry<String, ServerGroup> old : groups.entrySet()) {
      if (successor.groups.get(old.getKey()) != old.getValue()) {
        // Still usable through this stale generation until the listener switches, but keeps nothing.
        for (ServerPool pool : old.getValue().pools()) {
          pool.drain();
        }
      }
    }
    return warm.map(v -> successor);
  }

  /** Fills {@link #groups} from {@code plan}, reusing unchanged groups of {@code previous}. */
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
      ServerGroup group = new ServerGroup(config, runtime.connector);
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
  public List<ServerPoolStats> stats() {
    return runtime.stats();
  }

  @Override
  public Future<Void> close() {
    return runtime.close();
  }
}
