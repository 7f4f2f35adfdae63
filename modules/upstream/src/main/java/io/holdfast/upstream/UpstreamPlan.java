package io.holdfast.upstream;

import io.holdfast.config.Balance;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.upstream.balance.HashRing;

import java.util.HashMap;
import java.util.Map;

/**
 * Every upstream of one config version, compiled once by the upstream verticle and shared by reference
 * with each listener instance, which builds its own pools from it on its own event loop. The consistent-hash
 * rings of {@code hash} upstreams are built here, once, not on the data-plane loops.
 */
public record UpstreamPlan(long configVersion, Map<String, UpstreamConfig> upstreams, Map<String, HashRing> rings) {

  public UpstreamPlan {
    upstreams = Map.copyOf(upstreams);
    rings = Map.copyOf(rings);
  }

  public static UpstreamPlan compile(ConfigSnapshot snapshot) {
    Map<String, UpstreamConfig> upstreams = snapshot.config().upstreams();
    Map<String, HashRing> rings = new HashMap<>();
    upstreams.forEach((name, config) -> {
      if (config.balance() == Balance.HASH) {
        rings.put(name, HashRing.of(config.servers()));
      }
    });
    return new UpstreamPlan(snapshot.version(), upstreams, rings);
  }

  /** The ring of a {@code hash} upstream, or null. */
  public HashRing ring(String upstream) {
    return rings.get(upstream);
  }
}
